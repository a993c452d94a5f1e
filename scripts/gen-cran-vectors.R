# Writes src/core/version/testdata/cran-versions.txt: R package version order as R itself
# decides it (package_version(), compared with <, ==). Run from the repository root:
#   Rscript scripts/gen-cran-vectors.R
# Versions: the Version: field of every DESCRIPTION under R's own library (the base and
# recommended packages Debian's r-base-core ships), real CRAN/Bioconductor version
# spellings, and edge cases. Lines are "a < b", "a = b" or "! v" (R refuses v).
libs <- list.files(.libPaths(), full.names = TRUE)
installed <- unlist(lapply(libs, function(d) {
  f <- file.path(d, "DESCRIPTION")
  if (file.exists(f)) read.dcf(f, fields = "Version")[1, 1] else NULL
}))
cran <- c("1.0-12", "0.9-7", "2.1.3.9000", "1.1.4", "3.99-0.14", "1.7-10", "0.4.2", "1.0.0",
  "2023.10.1", "0.19", "1.2", "1.2-0", "1.2.0.0", "1.01", "1.1", "01.1", "1.10", "1.9",
  "0.5-1", "0.5.1", "1.98-1.12", "3.6.3", "4.2.2", "4.2.2.20221110", "1.36.0", "1.37.1",
  "2.58.0", "0.0.1", "0.0.0.9000", "7.3-60", "7.3-58.1", "1.8-42", "1.4-1", "0.2.0.1",
  "3.1-162", "3.1-164", "1.3.1", "1.3.10", "1.3.2", "2.0", "2.0.0", "2.0.0.1", "10.0", "9.99")
invalid <- c("1", "a1", "1.2a", "1..2", "1.2.", "-1.2", "1_2", "v1.2", "1.2-rc1",
  "2147483648.1")
all <- unique(c(installed, cran))
ok <- vapply(all, function(v) !inherits(try(package_version(v), silent = TRUE), "try-error"), TRUE)
stopifnot(all(ok))
for (v in invalid) {
  r <- suppressWarnings(try(package_version(v), silent = TRUE))
  stopifnot(inherits(r, "try-error") || is.na(unlist(r))[1] || any(is.na(unlist(r))))
}
pv <- package_version(all)
sorted <- all[order(pv)]
rel <- function(a, b) {
  x <- package_version(a); y <- package_version(b)
  if (x < y) "<" else if (x == y) "=" else ">"
}
lines <- c(sprintf("# R %s package_version(), Debian r-base-core %s; scripts/gen-cran-vectors.R",
  paste(R.version$major, R.version$minor, sep = "."), packageDescription("base")$Version))
for (i in seq_len(length(sorted) - 1)) lines <- c(lines, paste(sorted[i], rel(sorted[i], sorted[i + 1]), sorted[i + 1]))
set.seed(14)
for (k in 1:400) {
  p <- sample(all, 2)
  lines <- c(lines, paste(p[1], rel(p[1], p[2]), p[2]))
}
for (v in invalid) lines <- c(lines, paste("!", v))
writeLines(lines, "src/core/version/testdata/cran-versions.txt")
