#!/usr/bin/env bash
# Runs GeoGEOS under valgrind memcheck through a synchronous driver (see
# scripts/memcheck-geogeos/main.swift for why the test bundle itself cannot be used).
# Usage: scripts/memcheck-geogeos.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --target GeoGEOS
out=.build/debug/geogeos-memcheck
swiftc -g -Onone -module-cache-path .build/module-cache-memcheck \
    -I .build/debug/Modules -I Sources/CGEOS \
    scripts/memcheck-geogeos/main.swift \
    .build/debug/GeoGEOS.build/*.swift.o .build/debug/GeoCore.build/*.swift.o \
    -lgeos_c -o "$out"
valgrind --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect \
    --error-exitcode=1 --num-callers=30 "$out" "${1:-20}"
