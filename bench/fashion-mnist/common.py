"""Shared by the Fashion-MNIST benchmark scripts: reading the IDX files, and the one evaluation protocol that
every row of the table goes through (linear probe with its regularization chosen on a validation split, kNN)."""
import gzip
import os
import time
import warnings

import numpy as np

# Fashion-MNIST's training-set pixel mean and standard deviation (of x / 255), as in recipes/fashion-mnist.yaml
MEAN, STD = 0.286, 0.353
# the L2 penalties the probe tries (sklearn's C = 1 / (n · l2))
L2_GRID = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6]
VALIDATION = 10_000
PROBE_ITERATIONS = 500


def read_idx(path):
    """An IDX file (gzipped or not) as a NumPy array: N×H×W uint8 images or N uint8 labels."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, split):
    """(images N×28×28 uint8, labels N) of 'train' or 't10k'."""
    images = read_idx(os.path.join(folder, f"{split}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(folder, f"{split}-labels-idx1-ubyte.gz"))
    return images, labels.astype(np.int64)


PROTOCOL = (f"linear probe: features standardized with the training set's statistics; multinomial logistic "
            f"regression (sklearn, L-BFGS, at most {PROBE_ITERATIONS} iterations) with mean cross-entropy + l2/2·|W|^2,"
            f" l2 chosen from {L2_GRID} by accuracy on {VALIDATION} training images held out (a fifth when fewer than"
            f" {5 * VALIDATION}; fixed seed), then refit "
            f"on all training images and scored once on the official test set. kNN: k = 20, cosine similarity, "
            f"majority vote (a tie goes to the class that reached the count first), training set as memory.")


def probe(train_x, train_y, test_x, test_y, log=print):
    """Test accuracy of the linear probe, the chosen l2 and the validation accuracies (see PROTOCOL)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    warnings.filterwarnings("ignore", category=ConvergenceWarning)  # the iteration cap is part of the protocol

    order = np.random.default_rng(0).permutation(len(train_x))
    validation_size = min(VALIDATION, len(train_x) // 5)  # a smoke test's small training set keeps 4/5 to train
    held, kept = order[:validation_size], order[validation_size:]

    def fit(x, y, l2):
        scaler = StandardScaler().fit(x)
        model = LogisticRegression(C=1.0 / (len(x) * l2), max_iter=PROBE_ITERATIONS, tol=1e-6)
        model.fit(scaler.transform(x), y)
        return lambda z: model.predict(scaler.transform(z))

    validation = {}
    for l2 in L2_GRID:
        predict = fit(train_x[kept], train_y[kept], l2)
        validation[l2] = float(np.mean(predict(train_x[held]) == train_y[held]))
        log(f"    l2 {l2:g}: validation accuracy {validation[l2]:.4f}")
    best = max(L2_GRID, key=lambda l2: validation[l2])
    predict = fit(train_x, train_y, best)
    return float(np.mean(predict(test_x) == test_y)), best, validation


def knn(train_x, train_y, test_x, test_y, k=20):
    """Test accuracy of k-nearest-neighbour classification by cosine similarity."""
    a = train_x / np.maximum(np.linalg.norm(train_x, axis=1, keepdims=True), 1e-12)
    b = test_x / np.maximum(np.linalg.norm(test_x, axis=1, keepdims=True), 1e-12)
    hits = 0
    for start in range(0, len(b), 1000):
        sims = b[start:start + 1000] @ a.T
        nearest = np.argsort(-sims, axis=1)[:, :k]
        for row, truth in zip(train_y[nearest], test_y[start:start + 1000]):
            # as viewpair's Evaluation: a class leads once it has strictly more votes than the leader
            votes = np.zeros(int(train_y.max()) + 1, dtype=np.int64)
            best = row[0]
            for c in row:
                votes[c] += 1
                if votes[c] > votes[best]:
                    best = c
            hits += best == truth
    return hits / len(b)


def evaluate(name, train_x, train_y, test_x, test_y):
    """Probe and kNN of one feature set, with timing; returns a dict for the results table."""
    t = time.time()
    print(f"  {name}: {train_x.shape[1]} features; probe:")
    accuracy, l2, _ = probe(train_x.astype(np.float64), train_y, test_x.astype(np.float64), test_y)
    neighbours = knn(train_x.astype(np.float32), train_y, test_x.astype(np.float32), test_y)
    print(f"  {name}: probe test accuracy {accuracy:.4f} (l2 {l2:g}), kNN {neighbours:.4f} ({time.time() - t:.0f} s)")
    return {"probe": accuracy, "l2": l2, "knn": neighbours}
