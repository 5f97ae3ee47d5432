# kubeorch's image, from the jar `mvn package` built (the image compiles nothing):
#   mvn -B package -DskipTests && docker compose build
# The JVM options are the ones docs/operators-guide.md recommends; the compose file passes the
# database, the administrator's password and the instance identity (docs/production.md).
FROM eclipse-temurin:17-jre

# curl for the health check; nothing else is added to the JRE image
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 kubeorch \
 && useradd --system --uid 10001 --gid kubeorch --home-dir /var/lib/kubeorch --create-home kubeorch

COPY target/kubeorch-*.jar /opt/kubeorch/kubeorch.jar

ENV SPRING_PROFILES_ACTIVE=postgres
WORKDIR /var/lib/kubeorch
USER 10001:10001
EXPOSE 8080

# Ready: database reachable, engine and step workers running. HTTPS when a keystore is configured.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD if [ -n "$KUBEORCH_TLS_KEYSTORE" ]; then scheme=https; else scheme=http; fi; \
      curl -fsS --insecure -o /dev/null "$scheme://localhost:${SERVER_PORT:-8080}/actuator/health/readiness" || exit 1

ENTRYPOINT ["java", "-XX:TieredStopAtLevel=1", "-Xmx512m", "-jar", "/opt/kubeorch/kubeorch.jar"]
