#!/bin/sh
# Runs JMH from the plain (non-shaded) class path of engine-benchmarks: the only way to run SAPL 3.0.0
# (SaplRbacBenchmark, SaplColdBuildBenchmark), whose EMF/Xtext jars are a provided dependency and never
# shaded into benchmarks.jar. Everything else runs here too, so one run can hold every RBAC peer.
# Usage, from the repository root:
#   engine-benchmarks/plain-classpath.sh 'RbacPeers|SaplRbac' -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc
# The class path comes from the reactor (-am), so our modules are this tree's classes, never the
# snapshot jars in ~/.m2.
set -e
cd "$(dirname "$0")/.."
mvn -B -q -pl engine-benchmarks -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -cp "engine-benchmarks/target/classes:$(cat engine-benchmarks/target/classpath.txt)" org.openjdk.jmh.Main "$@"
