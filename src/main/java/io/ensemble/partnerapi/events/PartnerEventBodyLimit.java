package io.ensemble.partnerapi.events;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Partner callbacks are read only up to a limit ({@code ensemble.partner-api.max-event-bytes}, 64 KiB), before
 * anything checks their signature: a {@code Content-Length} over it is refused unread, and a body without one
 * (chunked) is read until the limit and refused when it goes on. 413 either way; an unsigned 50 MB post costs
 * 64 KiB of reading, not 50 MB of memory.
 */
@Component
class PartnerEventBodyLimit extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(PartnerEventBodyLimit.class);
  static final String PATH = "/api/partner-events";

  private final int maxBytes;

  PartnerEventBodyLimit(@Value("${ensemble.partner-api.max-event-bytes:65536}") int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !PATH.equals(request.getServletPath());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      refuse(request, response, declared + " bytes");
      return;
    }
    byte[] body = read(request.getInputStream());
    if (body == null) {
      refuse(request, response, "more than " + maxBytes + " bytes");
      return;
    }
    chain.doFilter(new ReadBody(request, body), response);
  }

  /** The body, or null when it is longer than the limit (reading stops there). */
  private byte[] read(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 8192));
    byte[] buffer = new byte[8192];
    int total = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      total += n;
      if (total > maxBytes) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String size) throws IOException {
    LOG.warn("413 POST {}: partner event of {} refused unread (limit {} bytes, partner {})", PATH, size, maxBytes,
        io.ensemble.platform.Failures.abbreviate(request.getHeader(WebhookSignature.PARTNER_KEY_HEADER)));
    response.setHeader("Connection", "close");
    response.setStatus(413);
    response.setContentType("application/problem+json");
    response.getWriter().write("{\"type\":\"about:blank\",\"status\":413,\"detail\":\"A partner event may be at most "
        + maxBytes + " bytes\"}");
  }

  /** The request with its body already read (within the limit). */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override public int read() { return in.read(); }
        @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
        @Override public boolean isFinished() { return in.available() == 0; }
        @Override public boolean isReady() { return true; }
        @Override public void setReadListener(ReadListener listener) { throw new UnsupportedOperationException(); }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
          java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
