package dev.viewpair.recipes.run;

import dev.viewpair.encoders.train.EpochSummary;
import dev.viewpair.encoders.train.StepMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's records in {@code metrics.jsonl} ({@link MetricsLog}): one per step ({@code step}, or {@code skipped}
 * for a batch skipped under {@code on_nonfinite: skip}), per epoch and per checkpoint, the plan (first) and each
 * warning; and the epochs' summaries so far, a resumed run's earlier ones read back from its kept records.
 */
final class RunRecords implements AutoCloseable {
    private final MetricsLog log;
    private final List<EpochSummary> epochs = new ArrayList<>();

    private RunRecords(MetricsLog log) {
        this.log = log;
        log.records().stream().filter(r -> "epoch".equals(r.get("type"))).forEach(r -> epochs.add(epochSummary(r)));
    }

    /** A new run's records, in a new {@code metrics.jsonl}. */
    static RunRecords fresh(Path file) throws IOException {
        return new RunRecords(new MetricsLog(file));
    }

    /** A resumed run's records: those kept from before its checkpoint ({@link Resume#keptRecords}), then new ones. */
    static RunRecords continuing(Path file, List<Map<String, Object>> kept) throws IOException {
        return new RunRecords(MetricsLog.continuing(file, kept));
    }

    /** A step's record. */
    void step(StepMetrics m) {
        log.write(m.skipped() ? skippedRecord(m) : stepRecord(m));
    }

    /** An epoch's record. */
    void epoch(EpochSummary s) {
        epochs.add(s);
        log.write(epochRecord(s));
    }

    /**
     * The plan of a new run, its first record: the steps it will take in all, which a report written before the run
     * ends counts its steps against.
     */
    void plan(long totalSteps) {
        log.write(Map.of("type", "plan", "total_steps", totalSteps));
    }

    /** A warning given while training (a collapsed view), which a report written before the summary shows. */
    void warning(String text) {
        log.write(Map.of("type", "warning", "text", text));
    }

    /** A checkpoint's record. */
    void checkpoint(long step) {
        log.write(Map.of("type", "checkpoint", "step", step));
    }

    /** Whether the last record is a checkpoint's (a resumed run's final checkpoint is then not written twice). */
    boolean endsWithCheckpoint() {
        var records = log.records();
        return !records.isEmpty() && "checkpoint".equals(records.get(records.size() - 1).get("type"));
    }

    /** The summaries of the epochs so far, in order. */
    List<EpochSummary> epochs() {
        return List.copyOf(epochs);
    }

    /** Every record so far (for the plots). */
    List<Map<String, Object>> all() {
        return log.records();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }

    private static Map<String, Object> stepRecord(StepMetrics m) {
        var pairs = new LinkedHashMap<String, Object>();
        m.pairNats().forEach((k, v) -> {
            var pair = new LinkedHashMap<String, Object>();
            pair.put("nats", v);
            pair.put("log_k", m.pairLogK().get(k));
            pair.put("alignment", m.pairAlignment().get(k));
            if (m.pairUniformity().containsKey(k)) { // absent for a batch of one
                pair.put("uniformity", m.pairUniformity().get(k));
            }
            pairs.put(k, pair);
        });
        var views = new LinkedHashMap<String, Object>();
        m.viewStd().forEach((k, v) -> {
            var view = new LinkedHashMap<String, Object>();
            view.put("std", v);
            if (m.viewKl().containsKey(k)) { // a stochastic encoder's posterior
                view.put("kl", m.viewKl().get(k));
                view.put("variance", m.viewVariance().get(k));
            }
            views.put(k, view);
        });
        var r = new LinkedHashMap<String, Object>();
        r.put("type", "step");
        r.put("epoch", m.epoch());
        r.put("step", m.step());
        r.put("loss", m.loss());
        r.put("lr", m.learningRate());
        r.put("grad_norm", m.gradNorm());
        r.put("pairs", pairs);
        r.put("views", views);
        r.put("data_wait_s", m.dataWaitSeconds());
        r.put("step_s", m.stepSeconds());
        return r;
    }

    private static Map<String, Object> skippedRecord(StepMetrics m) {
        var r = new LinkedHashMap<String, Object>();
        r.put("type", "skipped");
        r.put("epoch", m.epoch());
        r.put("step", m.step());
        r.put("lr", m.learningRate());
        r.put("reason", m.skipReason());
        return r;
    }

    private static Map<String, Object> epochRecord(EpochSummary s) {
        var r = new LinkedHashMap<String, Object>();
        r.put("type", "epoch");
        r.put("epoch", s.epoch());
        r.put("steps", s.steps());
        r.put("mean_loss", s.meanLoss());
        r.put("mean_pair_nats", s.meanPairNats());
        r.put("skipped", s.skipped());
        r.put("data_wait_s", s.dataWaitSeconds());
        r.put("step_s", s.stepSeconds());
        return r;
    }

    /** An epoch record read back from metrics.jsonl (a resumed run's earlier epochs). */
    @SuppressWarnings("unchecked")
    private static EpochSummary epochSummary(Map<String, Object> r) {
        var nats = new LinkedHashMap<String, Double>();
        ((Map<String, Object>) r.get("mean_pair_nats")).forEach((k, v) -> nats.put(k, ((Number) v).doubleValue()));
        return new EpochSummary(((Number) r.get("epoch")).intValue(), ((Number) r.get("steps")).longValue(),
                ((Number) r.get("mean_loss")).doubleValue(), nats, ((Number) r.get("data_wait_s")).doubleValue(),
                ((Number) r.get("step_s")).doubleValue(),
                r.get("skipped") instanceof Number n ? n.longValue() : 0);
    }
}
