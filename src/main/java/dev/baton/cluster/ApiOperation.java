package dev.baton.cluster;

/**
 * One thing Baton asks the API server, in RBAC terms, so that an error can name the permission.
 *
 * @param verb the RBAC verb ({@code get}, {@code patch}, {@code watch}, …)
 * @param resource the RBAC resource ({@code deployments}, {@code jobs}, {@code pods/log}, …)
 * @param name the object's name, or null for a list or a watch of several
 */
record ApiOperation(String verb, String resource, String name) {
  static ApiOperation of(String verb, String resource, String name) {
    return new ApiOperation(verb, resource, name);
  }

  /** {@code patch deployment main-app}. */
  String describe() {
    return verb + " " + resource + (name == null ? "" : " " + name);
  }
}
