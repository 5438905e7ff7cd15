# Candlekeep in a container: built from source with the Maven wrapper on Temurin 25, run on the Temurin 25 JRE.
#   docker build -t candlekeep .
#   docker run -p 127.0.0.1:8080:8080 -v candlekeep-data:/var/lib/candlekeep candlekeep            # embedded SQLite
#   docker compose up --scale candlekeep=3                                                         # PostgreSQL, 3 instances
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
# the poms first, so the dependency layer is reused while only sources change
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY candlekeep-core/pom.xml candlekeep-core/
COPY candlekeep-app/pom.xml candlekeep-app/
COPY candlekeep-bench/pom.xml candlekeep-bench/
RUN ./mvnw -q -B -ntp -pl candlekeep-app -am dependency:go-offline
COPY candlekeep-core/src candlekeep-core/src
COPY candlekeep-app/src candlekeep-app/src
RUN ./mvnw -q -B -ntp -pl candlekeep-app -am package -DskipTests \
 && cp candlekeep-app/target/candlekeep-app-*-exec.jar /src/candlekeep.jar

FROM eclipse-temurin:25-jre
RUN useradd --system --home-dir /var/lib/candlekeep --create-home candlekeep
COPY --from=build /src/candlekeep.jar /opt/candlekeep/candlekeep.jar
USER candlekeep
WORKDIR /var/lib/candlekeep
# inside a container the service must listen beyond loopback; publish the port to 127.0.0.1 on the host as above
ENV SERVER_ADDRESS=0.0.0.0 \
    CANDLEKEEP_DATA_DIR=/var/lib/candlekeep
EXPOSE 8080
VOLUME /var/lib/candlekeep
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /actuator/health HTTP/1.0\r\n\r\n" >&3 && grep -Eq "\"status\":\"(UP|DEGRADED)\"" <&3'
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=75", "-jar", "/opt/candlekeep/candlekeep.jar"]
