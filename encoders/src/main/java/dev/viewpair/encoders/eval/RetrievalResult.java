package dev.viewpair.encoders.eval;

/**
 * Cross-view retrieval recall.
 *
 * @param recallAt1 fraction of queries whose true match ranks first
 * @param recallAt5 fraction whose true match ranks in the top five
 * @param recallAt10 fraction whose true match ranks in the top ten
 * @param queries number of queries
 */
public record RetrievalResult(double recallAt1, double recallAt5, double recallAt10, int queries) {}
