import dev.viewpair.recipes.api.EncoderModel;
import dev.viewpair.recipes.api.Encoders;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Embeds views made in code with one trained encoder of a run folder, without its recipe's dataset or views: a black
 * view, a view of ones and a view of seeded noise, each of the shape the encoder was trained on; prints each
 * embedding's norm and first values.
 *
 * <pre>
 * java -cp "recipes/target/viewpair-recipes-0.1.0-SNAPSHOT.jar:recipes/target/lib/*" examples/EncodeExample.java RUN_DIR ENCODER
 * </pre>
 */
public class EncodeExample {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: EncodeExample RUN_DIR ENCODER");
            System.exit(2);
        }
        EncoderModel model;
        try {
            model = Encoders.load(Path.of(args[0]), args[1]);
        } catch (IllegalArgumentException e) { // no run folder, or no such encoder: the message says what there is
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try (var encoder = model) {
            long[] shape = encoder.viewShape();
            System.out.printf("encoder '%s': views %s, embeddings of %d%n", encoder.name(), Arrays.toString(shape), encoder.dim());
            int size = (int) Arrays.stream(shape).reduce(1, Math::multiplyExact);
            var zeros = new float[size];
            var ones = new float[size];
            Arrays.fill(ones, 1);
            var noise = new float[size];
            var random = new Random(0);
            for (int i = 0; i < size; i++) {
                noise[i] = (float) random.nextGaussian();
            }
            String[] names = {"zeros", "ones", "noise"};
            float[][] rows = encoder.embed(zeros, ones, noise); // one row per view
            for (int v = 0; v < rows.length; v++) {
                double norm = 0;
                for (float x : rows[v]) {
                    norm += x * x;
                }
                System.out.printf("%s: norm %.5f, first %.5f %.5f %.5f%n", names[v], Math.sqrt(norm), rows[v][0], rows[v][1], rows[v][2]);
            }
        }
    }
}
