import dev.viewpair.recipes.api.Views;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Prints the views of the first samples of a recipe's dataset: their shapes and mean values.
 *
 * <pre>
 * java -cp "recipes/target/viewpair-recipes-0.1.0-SNAPSHOT.jar:recipes/target/lib/*" examples/Example.java RECIPE [N] [EPOCH]
 * </pre>
 */
public class Example {
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: Example RECIPE [SAMPLES] [EPOCH]");
            System.exit(2);
        }
        var views = Views.fromRecipe(Path.of(args[0]));
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int epoch = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        System.out.println("views: " + String.join(", ", views.names()));
        views.stream(views.dataset(), epoch).limit(samples).forEach(v -> {
            if (!v.ok()) {
                System.out.println(v.id() + " skipped: " + v.problem());
                return;
            }
            v.views().forEach((name, t) -> {
                double sum = 0;
                for (float x : t.data()) {
                    sum += x;
                }
                System.out.printf("%s %s %s mean %.6f%n", v.id(), name, Arrays.toString(t.shape()), sum / t.data().length);
            });
        });
    }
}
