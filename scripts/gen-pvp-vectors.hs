-- Writes src/core/version/testdata/pvp-versions.txt: Haskell version order (Hackage
-- packages, GHC releases) as base's Data.Version decides it, run by Hugs (Debian `hugs`,
-- its base library's Data.Version: `compare` on versionBranch, `parseVersion` by ReadP).
-- Run from the repository root:
--   runhugs -98 scripts/gen-pvp-vectors.hs > src/core/version/testdata/pvp-versions.txt
-- Versions: real Hackage and GHC spellings and edge cases; every pair is asked. Lines
-- are "a < b", "a = b", "a > b" or "! v" (no complete parse). Tagged versions
-- (`1.0-beta`, deprecated) are left out: Bulwark calls them invalid, Data.Version ignores the tag.
module Main where

import Data.Version
import Text.ParserCombinators.ReadP (readP_to_S)

versions :: [String]
versions =
  [ "9.4.7", "9.2.8", "9.6.3", "9.8.1", "8.10.7", "9.10.1", "9.2.2", "9.2.3", "9.0.2"
  , "2.1.0.0", "2.2.3.0", "1.5.6.0", "2.0.3.0", "2.1.2.1", "4.18.0.0", "4.17.2.1"
  , "0.1", "0.1.0", "0.1.0.0", "0.10", "0.9", "1.0", "1.01", "1", "0", "0.0.0.1"
  , "2023.1.1", "1.2.3.4.5", "10.0", "9.99", "3.10.2.1", "3.2.0.0", "0.9.9.9", "00.1"
  , "1.0.0", "1.0.0.0", "0.11.0.0", "0.11.1.0", "1.1", "1.10", "1.9.1", "3.0.3.2"
  , "0.2.0.0", "0.2.1", "2.0", "2.0.0.1", "1.12.4.0", "1.12.10.0"
  ]

invalid :: [String]
invalid = ["", "1.", ".1", "1..2", "v1.2", "a", "1.2a", "-1", "1_2", "1.2 3"]

parse :: String -> Maybe Version
parse s = case [v | (v, "") <- readP_to_S parseVersion s] of
  (v : _) | null (versionTags v) -> Just v
  _ -> Nothing

rel :: Version -> Version -> String
rel a b = case compare a b of
  LT -> "<"
  EQ -> "="
  GT -> ">"

main :: IO ()
main = do
  putStrLn "# Hugs 98 (Debian hugs 98.200609.21), base Data.Version compare/parseVersion; scripts/gen-pvp-vectors.hs"
  let pairs = [(a, b) | (i, a) <- zip [0 :: Int ..] versions, (j, b) <- zip [0 ..] versions, i < j]
  mapM_ (\(a, b) -> case (parse a, parse b) of
            (Just x, Just y) -> putStrLn (a ++ " " ++ rel x y ++ " " ++ b)
            _ -> error ("the tool refuses " ++ a ++ " or " ++ b)) pairs
  mapM_ (\v -> case parse v of
            Nothing -> putStrLn ("! " ++ v)
            Just _ -> error ("the tool accepts " ++ v)) invalid
