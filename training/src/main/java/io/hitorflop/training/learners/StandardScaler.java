package io.hitorflop.training.learners;

/**
 * z = (x - mean) / std per column, with the statistics held in float32 and the arithmetic done in
 * float32 so the ONNX Sub/Div nodes reproduce it bit for bit.
 */
public record StandardScaler(float[] mean, float[] std) {

    public static StandardScaler fit(float[][] rows) {
        int width = rows[0].length;
        float[] mean = new float[width];
        float[] std = new float[width];
        for (int j = 0; j < width; j++) {
            double sum = 0;
            for (float[] row : rows) {
                sum += row[j];
            }
            double mu = sum / rows.length;
            double squares = 0;
            for (float[] row : rows) {
                squares += (row[j] - mu) * (row[j] - mu);
            }
            double sigma = Math.sqrt(squares / rows.length);
            mean[j] = (float) mu;
            std[j] = sigma > 0 ? (float) sigma : 1f;
        }
        return new StandardScaler(mean, std);
    }

    public float[][] transform(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new float[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = (rows[i][j] - mean[j]) / std[j];
            }
        }
        return out;
    }
}
