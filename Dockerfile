# Baton's container image.
#
#   docker build -t baton:local .
#   docker run --rm -p 8080:8080 -e BATON_DATABASE_URL=jdbc:postgresql://db:5432/baton \
#     -e BATON_DATABASE_USER=baton -e BATON_DATABASE_PASSWORD=… baton:local
#
# Stage 1 builds the fat jar with the Maven wrapper; dependencies are fetched in their own layer
# (from pom.xml alone), so a source change does not download them again.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests

# Stage 2 runs it on a JRE as an unprivileged user.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 baton \
 && useradd --system --uid 10001 --gid baton --home-dir /app --shell /usr/sbin/nologin baton \
 && apt-get update && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/baton-*-SNAPSHOT.jar /app/baton.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# Class-data sharing (AppCDS): one training start records the classes Baton loads into an archive
# that every later start maps instead of loading and verifying them again; startup roughly halves
# (docs/performance.md). It is made here because it only fits this image's JVM and jar. The start
# is stopped with SIGTERM once it serves (or after 120 s); the JVM writes the archive as it exits,
# and the build fails if there is none. Its H2 files are thrown away.
RUN java -XX:ArchiveClassesAtExit=/app/baton.jsa -jar /app/baton.jar & pid=$!; \
    for i in $(seq 1 600); do \
      curl -fsS -o /dev/null http://127.0.0.1:8080/health && break; sleep 0.2; \
    done; \
    kill -TERM $pid; wait $pid; \
    test -s /app/baton.jsa && rm -rf /app/data
# The embedded H2 default writes ./data; in Kubernetes use PostgreSQL instead.
RUN mkdir /app/data && chown baton:baton /app/data
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1
# A JVM that cannot use the archive (it should not happen in this image) says so and starts without.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/baton.jsa", "-jar", "/app/baton.jar"]
