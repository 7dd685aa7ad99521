package dev.baton.gitops;

import java.util.List;
import java.util.Optional;

/** The files of a checked-out branch, by path relative to the repository's root. */
public interface FileTree {
  Optional<String> read(String path);

  /** The regular files directly in {@code dir}, as paths from the root, sorted. */
  List<String> list(String dir);
}
