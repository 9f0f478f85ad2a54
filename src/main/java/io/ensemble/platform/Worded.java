package io.ensemble.platform;

/** A code that people read as words: an enum constant's name is the code, {@link #words()} what forms show. */
public interface Worded {

  String words();
}
