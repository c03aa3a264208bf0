#!/usr/bin/env python3
"""Maintainer tool: rebuilds data/auto-mpg.csv, the embedded regression example, from cars.json
of the npm package vega-datasets@3.2.1 (BSD-3-Clause; the data are StatLib's Auto MPG).

Keeps cars with a known mpg and horsepower; origin becomes three 0/1 columns.
Usage: scripts/make-auto-mpg.py path/to/cars.json data/auto-mpg.csv
"""
import json
import sys

cars = json.load(open(sys.argv[1]))
rows = []
for c in cars:
    if c["Miles_per_Gallon"] is None or c["Horsepower"] is None:
        continue
    year = int(c["Year"][:4]) - 1900
    o = c["Origin"]
    rows.append([c["Miles_per_Gallon"], c["Cylinders"], c["Displacement"], c["Horsepower"], c["Weight_in_lbs"],
                 c["Acceleration"], year, int(o == "USA"), int(o == "Europe"), int(o == "Japan")])
with open(sys.argv[2], "w") as f:
    f.write("mpg,cylinders,displacement,horsepower,weight,acceleration,model_year,origin_usa,origin_europe,origin_japan\n")
    for r in rows:
        f.write(",".join(("%g" % v) for v in r) + "\n")
print(len(rows), "cars")
