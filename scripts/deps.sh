#!/usr/bin/env bash
# Installs what landun needs to build, run and test: Debian packages via apt and the pinned
# front-end packages via npm. Idempotent: does nothing when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

want="${1:-run}"   # run | test | bench | lint
pkgs=(build-essential pkg-config meson ninja-build python3
      libsqlite3-dev libmicrohttpd-dev libjansson-dev libsodium-dev
      libxlsxwriter-dev libzip-dev libexpat1-dev libpq-dev libssl-dev
      libcairo2-dev libpango1.0-dev fonts-noto-cjk libmimalloc-dev)
# harfbuzz's subsetter cuts the documents' fonts down; pango finds fonts through fontconfig
pkgs+=(libharfbuzz-dev libfontconfig-dev)
# thumbnails of photo recordings: libjpeg-turbo decodes a JPEG scaled down and encodes the result
# (the -dev package pulls in the runtime, libjpeg62-turbo)
pkgs+=(libjpeg62-turbo-dev libjpeg62-turbo)
# the QR code on an entity's 公示牌 (its public page's address): libqrencode makes the symbol
pkgs+=(libqrencode-dev libqrencode4)
# Node.js and npm fetch the pinned front-end packages; a machine may already have them.
command -v npm >/dev/null 2>&1 || pkgs+=(nodejs npm)
if [ "$want" = test ] || [ "$want" = bench ]; then
    pkgs+=(clang libclang-rt-14-dev libcmocka-dev libcurl4-openssl-dev chromium)
    # pdftotext, pdffonts and pdftoppm read back the PDF documents (tests/unit/test_pdf.c)
    pkgs+=(poppler-utils)
    # tools/audit_heads_verify.py checks the audit heads' Ed25519 signatures with openssl
    pkgs+=(openssl)
    # the suite runs a second time on a throwaway PostgreSQL cluster (scripts/pg-cluster.sh);
    # contrib holds pg_trgm, the search index
    pkgs+=(postgresql-15 postgresql-contrib)
fi
if [ "$want" = bench ]; then
    pkgs+=(wrk nginx-light sqlite3)
fi
if [ "$want" = lint ]; then
    pkgs+=(clang-format cppcheck)
fi

# Minimum versions: a package installed below one is upgraded when the archive has a newer one.
# Debian 12.0's expat lacks the fix for CVE-2023-52425 (quadratic reparsing, reachable through an
# uploaded XLSX); 12.5 and later carry it. The build does not depend on these minimums: it checks
# for newer functions at configure time and falls back (DESIGN.md, "The Debian 12 baseline").
minimum=("libexpat1-dev 2.5.0-1+deb12u2" "libexpat1 2.5.0-1+deb12u2")

missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
for m in "${minimum[@]}"; do
    read -r p v <<<"$m"
    have=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null || true)
    if [ -n "$have" ] && dpkg --compare-versions "$have" lt "$v"; then
        cand=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ {print $2}')
        # no candidate yet (package lists never fetched): let apt-get update find out
        if [ -z "$cand" ] || [ "$cand" = "(none)" ] || dpkg --compare-versions "$cand" gt "$have"; then
            missing+=("$p")
        else
            echo "deps: $p $have is older than $v; building without what it lacks" >&2
        fi
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "deps: installing ${missing[*]}"
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -f node_modules/.landun-stamp ] || [ package.json -nt node_modules/.landun-stamp ]; then
    echo "deps: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    touch node_modules/.landun-stamp
fi
