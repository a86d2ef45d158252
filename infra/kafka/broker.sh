#!/usr/bin/env bash
# Starts, waits for and stops a single-node Apache Kafka broker in KRaft mode on loopback, from the
# jars Maven resolves into target/libs (see pom.xml). For machines without Docker: dev and CI.
#   broker.sh start DATA_DIR PORT   -> daemonised broker, returns once it accepts connections; exit code 3
#                                      when PORT or its controller port PORT+1 is taken (pick others, retry)
#   broker.sh stop  DATA_DIR        -> stops the broker started with that DATA_DIR
#   broker.sh jars                  -> only resolves the jars
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
libs="$here/target/libs"
cmd="${1:-}"

die() { echo "broker.sh: $*" >&2; exit 1; }
in_use() { echo "broker.sh: $*" >&2; exit 3; }

ensure_jars() {
  if ! ls "$libs"/kafka_2.13-*.jar >/dev/null 2>&1; then
    command -v mvn >/dev/null || die "Maven is missing (apt-get install -y maven) and $libs is empty"
    echo "broker.sh: resolving Apache Kafka jars from Maven Central into $libs" >&2
    mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies >&2 || die "mvn could not resolve the Kafka jars"
  fi
  command -v java >/dev/null || die "Java 17+ is missing (apt-get install -y openjdk-17-jre-headless)"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local dir="$1" port="$2" controller=$(( $2 + 1 ))
  [ -n "$dir" ] && [ -n "$port" ] || die "usage: broker.sh start DATA_DIR PORT"
  ensure_jars
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  if [ -f "$dir/broker.pid" ] && kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null; then
    port_open "$port" && { echo "broker.sh: already running on 127.0.0.1:$port" >&2; return 0; }
    kill "$(cat "$dir/broker.pid")" 2>/dev/null || true; sleep 1
  fi
  port_open "$port" && in_use "port $port is taken by another process"
  port_open "$controller" && in_use "controller port $controller is taken by another process"
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/logs
num.partitions=6
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
log.retention.hours=168
PROPS
  cat > "$dir/log4j.properties" <<'LOG'
log4j.rootLogger=WARN, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=${kafka.logs.dir}/server.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.KafkaRaftServer=INFO
LOG
  local cp="$libs/*" jopts=(-Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true
    "-Dkafka.logs.dir=$dir" "-Dlog4j.configuration=file:$dir/log4j.properties")
  if [ ! -f "$dir/logs/meta.properties" ]; then
    java "${jopts[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
      -c "$dir/server.properties" >"$dir/format.log" 2>&1 || { cat "$dir/format.log" >&2; die "formatting the KRaft log dir failed"; }
  fi
  # Only this start's lines of the (appended) server log tell why this start failed.
  local log_from=$(( $(cat "$dir/server.log" 2>/dev/null | wc -l) + 1 ))
  nohup java "${jopts[@]}" -cp "$cp" kafka.Kafka "$dir/server.properties" >"$dir/stdout.log" 2>&1 &
  echo $! >"$dir/broker.pid"
  for _ in $(seq 1 240); do
    if port_open "$port"; then echo "broker.sh: Kafka ready on 127.0.0.1:$port (pid $(cat "$dir/broker.pid"))" >&2; return 0; fi
    if ! kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null; then
      tail -30 "$dir/stdout.log" "$dir/server.log" >&2 2>/dev/null
      rm -f "$dir/broker.pid"
      # Another process took a port between the check above and the broker's bind.
      { cat "$dir/stdout.log"; tail -n "+$log_from" "$dir/server.log" 2>/dev/null; } | grep -qs "Address already in use" && in_use "port $port or $controller was taken during start-up"
      die "the broker exited during start-up"
    fi
    sleep 0.25
  done
  tail -30 "$dir/server.log" >&2 2>/dev/null
  die "the broker did not accept connections on $port within 60 s"
}

stop() {
  local dir="$1"
  [ -f "$dir/broker.pid" ] || return 0
  local pid; pid="$(cat "$dir/broker.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/broker.pid"
}

case "$cmd" in
  start) start "${2:-}" "${3:-}" ;;
  stop) stop "${2:?usage: broker.sh stop DATA_DIR}" ;;
  jars) ensure_jars ;;
  *) die "usage: broker.sh start DATA_DIR PORT | stop DATA_DIR | jars" ;;
esac
