"""Writes the .npy fixtures NpyTest reads, with real NumPy. Run once: /usr/bin/python3 make_fixtures.py
(the tests never run Python). Values are small exact binary fractions so the Java side can compare exactly."""
import numpy as np

m = np.arange(12).reshape(4, 3) / 4.0 - 1.0  # 4x3: -1.0, -0.75, ..., 1.75
np.save("f4_2d.npy", m.astype("<f4"))
np.save("f8_2d.npy", m.astype("<f8"))
np.save("f4_1d.npy", np.array([0.5, -2.0, 3.25], dtype="<f4"))
np.save("i8_1d.npy", np.array([7, -1, 0, 3], dtype="<i8"))
np.save("i4_2d.npy", np.array([[1, 2], [3, 4]], dtype="<i4"))
with open("f4_2d_v2.npy", "wb") as f:
    np.lib.format.write_array(f, m.astype("<f4"), version=(2, 0))
np.save("big_endian.npy", m.astype(">f4"))
np.save("fortran_order.npy", np.asfortranarray(m.astype("<f4")))
np.save("object.npy", np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
np.save("three_d.npy", np.zeros((2, 2, 2), dtype="<f4"))
