package io.ensemble.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Completed onboardings per second (bars, left axis) and REST start p99 (line, right axis) against clients. */
final class ThroughputChart {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 520;
  private static final int LEFT = 80;
  private static final int RIGHT = 80;
  private static final int TOP = 60;
  private static final int BOTTOM = 70;
  private static final Color THROUGHPUT = new Color(0x2B6CB0);
  private static final Color P99 = new Color(0xC05621);

  private ThroughputChart() {}

  static void write(List<OnboardingLoad.Level> levels, double floorOnboardingsPerSecond, String title, Path file)
      throws IOException {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = HEIGHT - TOP - BOTTOM;
    double maxThroughput = niceCeiling(Math.max(floorOnboardingsPerSecond,
        levels.stream().mapToDouble(OnboardingLoad.Level::completedPerSecond).max().orElse(1)));
    double maxP99 = niceCeiling(levels.stream().mapToDouble(OnboardingLoad.Level::p99Millis).max().orElse(1));

    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, LEFT, 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int tick = 0; tick <= 5; tick++) {
      int y = TOP + plotHeight - tick * plotHeight / 5;
      g.setColor(new Color(0xE2E8F0));
      g.drawLine(LEFT, y, LEFT + plotWidth, y);
      g.setColor(THROUGHPUT);
      g.drawString(format(maxThroughput * tick / 5), 20, y + 4);
      g.setColor(P99);
      g.drawString(format(maxP99 * tick / 5), LEFT + plotWidth + 10, y + 4);
    }
    int slot = plotWidth / Math.max(1, levels.size());
    int[] xs = new int[levels.size()];
    int[] ys = new int[levels.size()];
    for (int i = 0; i < levels.size(); i++) {
      OnboardingLoad.Level level = levels.get(i);
      int x = LEFT + i * slot + slot / 2;
      int barHeight = (int) (plotHeight * level.completedPerSecond() / maxThroughput);
      g.setColor(THROUGHPUT);
      g.fillRect(x - slot / 4, TOP + plotHeight - barHeight, slot / 2, barHeight);
      g.setColor(Color.BLACK);
      g.drawString(level.clients() + "", x - 6, TOP + plotHeight + 18);
      xs[i] = x;
      ys[i] = TOP + plotHeight - (int) (plotHeight * level.p99Millis() / maxP99);
    }
    g.setColor(P99);
    g.setStroke(new BasicStroke(3));
    g.drawPolyline(xs, ys, xs.length);
    for (int i = 0; i < xs.length; i++) {
      g.fillOval(xs[i] - 5, ys[i] - 5, 10, 10);
    }
    if (floorOnboardingsPerSecond > 0) {
      int y = TOP + plotHeight - (int) (plotHeight * floorOnboardingsPerSecond / maxThroughput);
      g.setColor(Color.GRAY);
      g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {6, 6}, 0));
      g.drawLine(LEFT, y, LEFT + plotWidth, y);
      g.drawString("engine floor for the same save points", LEFT + 6, y - 6);
    }
    g.setStroke(new BasicStroke(1));
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, plotWidth, plotHeight);
    g.drawString("clients", LEFT + plotWidth / 2 - 20, HEIGHT - 25);
    g.setColor(THROUGHPUT);
    g.drawString("completed onboardings/s (bars)", LEFT, TOP - 10);
    g.setColor(P99);
    g.drawString("REST start p99, ms (line)", LEFT + plotWidth - 150, TOP - 10);
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static double niceCeiling(double value) {
    if (value <= 0 || Double.isNaN(value)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String format(double value) {
    return value >= 10 ? String.format("%.0f", value) : String.format("%.1f", value);
  }
}
