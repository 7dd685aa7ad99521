# Baton's container image.
#
#   docker build -t baton:local .
#   docker run --rm -p 8080:8080 -e BATON_DATABASE_URL=jdbc:postgresql://db:5432/baton \
#     -e BATON_DATABASE_USER=baton -e BATON_DATABASE_PASSWORD=… baton:local
#
# Stage 1 builds the jars with the Maven wrapper; dependencies are fetched in their own layer
# (from pom.xml alone), so a source change does not download them again. It also gathers the
# training run (test classes and their dependencies) that stage 2 uses to make the AOT cache.
# The jar targets Java 17 (the documented minimum); the image runs it on Java 25.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests \
 && ./mvnw -B -q test-compile dependency:copy-dependencies -DincludeScope=test \
      -DoutputDirectory=target/training/lib \
 && cp -r target/test-classes target/training/classes

# Stage 2 runs it on a Java 25 JRE as an unprivileged user.
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 baton \
 && useradd --system --uid 10001 --gid baton --home-dir /app --shell /usr/sbin/nologin baton \
 && apt-get update && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The thin jar with its dependencies in /app/lib (its manifest's class path), not the fat jar: the
# fat jar's 43,000 entries are read at every start by Micronaut's service scan and Flyway's
# migration scan, and its index stays in memory (docs/performance.md).
COPY --from=build /src/target/lib /app/lib
COPY --from=build /src/target/baton-*-SNAPSHOT-app.jar /app/baton.jar
# Sized for a container with a 512 MiB limit and one or two cores (docs/operations.md): the serial
# collector (no concurrent GC threads, smallest footprint), heap at most 40% of the limit (205 MiB)
# so that the AOT cache (~125 MiB once relocated), metaspace, code cache, thread stacks and direct
# buffers fit beside it, compact object headers (8 bytes less per object header on Java 25). At 60%
# the kernel killed Baton in a 512 MiB cgroup under 200 Slack requests/s with ten promotions in
# flight (anon RSS 507 MiB); at 40% its peak was 432 MiB, and 228 MiB with C1 only (bench stage
# `memory`, docs/performance.md). Only the C1 compiler (TieredStopAtLevel=1): on one or two cores
# the C2 compiler, fed early by the cache's training profiles, took as much CPU as the start itself
# and the first minute's acknowledgements; without it the first served request came at 1.58 s
# against 2.38 s, the ack p99 under 200 req/s was 15.7 ms against 77 ms and RSS after that load
# 253 against 470 MiB (docs/performance.md, "C1 only"). What it costs is steady-state CPU in
# compute-bound code (H2's query engine: sub-millisecond audit queries about twice as slow), which
# a deploy bot has little of. The training run below uses the same flags: an AOT cache only fits
# the settings it was made with.
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=40 -XX:+UseCompactObjectHeaders -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError"
# AOT cache (JEP 483/514/515): a training run drives the jar through a release registered,
# auto-deployed to test, promoted to prod with two approvals, rolled out and recorded, /audit and
# /baton status, against stand-ins on loopback (dev.baton.bench.TrainingRun); at SIGTERM the JVM
# writes the classes it loaded and linked, and the method profiles it gathered, into the cache that
# every later start maps. It is made here, in the runtime image, because it only fits this JVM and
# this jar at this path. The build fails if no cache is written; the training files are removed.
COPY --from=build /src/target/training /tmp/training
RUN java -cp '/tmp/training/classes:/tmp/training/lib/*' dev.baton.bench.TrainingRun \
      --java /opt/java/openjdk/bin/java --jar /app/baton.jar \
      --flag -XX:AOTCacheOutput=/app/baton.aot --archive /app/baton.aot \
 && rm -rf /tmp/training /tmp/baton-training* \
 && test -s /app/baton.aot
# The embedded H2 default writes ./data; in Kubernetes use PostgreSQL instead.
RUN mkdir /app/data && chown baton:baton /app/data
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1
# A JVM that cannot use the cache (it should not happen in this image) says so and starts without.
ENTRYPOINT ["java", "-XX:AOTCache=/app/baton.aot", "-jar", "/app/baton.jar"]
