/**
 * Published datasets brought to this machine: {@link dev.viewpair.datasets.fetch.DatasetFetcher} downloads (or
 * copies from a folder) a dataset's files, Fashion-MNIST's among them, and gives each its final name only once its
 * SHA-256 matches. It knows nothing of samples or sources and imports no other viewpair package.
 */
package dev.viewpair.datasets.fetch;
