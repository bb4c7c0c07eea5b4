package io.hitorflop.training.combination;

/**
 * Logistic regression fitted by Newton's method (iteratively reweighted least squares; McCullagh
 * &amp; Nelder, Generalized Linear Models, 2nd ed. 1989, section 4.4). Targets may be soft (in
 * [0, 1]), which Platt scaling needs. A tiny ridge penalty keeps the Hessian invertible when
 * inputs are collinear (the members' probabilities are strongly correlated); it moves the
 * coefficients by far less than their sampling error.
 */
public final class LogisticRegression {

    private static final double RIDGE = 1e-6;
    private static final int MAX_ITERATIONS = 100;
    private static final double CONVERGED = 1e-10;

    /**
     * @param x       rows of inputs
     * @param targets per row, the probability of the positive class to fit
     * @return the coefficients, one per input column, then the intercept
     */
    public static double[] fit(double[][] x, double[] targets) {
        int width = x[0].length + 1;
        double[] beta = new double[width];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[width];
            double[][] hessian = new double[width][width];
            double[] row = new double[width];
            for (int i = 0; i < x.length; i++) {
                System.arraycopy(x[i], 0, row, 0, width - 1);
                row[width - 1] = 1;
                double p = logistic(dot(beta, row));
                double weight = Math.max(p * (1 - p), 1e-12);
                for (int a = 0; a < width; a++) {
                    gradient[a] += (targets[i] - p) * row[a];
                    for (int b = 0; b <= a; b++) {
                        hessian[a][b] += weight * row[a] * row[b];
                    }
                }
            }
            for (int a = 0; a < width; a++) {
                gradient[a] -= RIDGE * x.length * beta[a];
                hessian[a][a] += RIDGE * x.length;
                for (int b = 0; b < a; b++) {
                    hessian[b][a] = hessian[a][b];
                }
            }
            double[] step = solveSymmetric(hessian, gradient);
            double largest = 0;
            for (int a = 0; a < width; a++) {
                beta[a] += step[a];
                largest = Math.max(largest, Math.abs(step[a]));
            }
            if (largest < CONVERGED) {
                break;
            }
        }
        return beta;
    }

    public static double logistic(double t) {
        return 1 / (1 + Math.exp(-t));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Cholesky factorisation of a symmetric positive definite matrix, then two triangular solves. */
    private static double[] solveSymmetric(double[][] matrix, double[] rhs) {
        int n = rhs.length;
        double[][] lower = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = matrix[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= lower[i][k] * lower[j][k];
                }
                lower[i][j] = i == j ? Math.sqrt(sum) : sum / lower[j][j];
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = rhs[i];
            for (int k = 0; k < i; k++) {
                sum -= lower[i][k] * y[k];
            }
            y[i] = sum / lower[i][i];
        }
        double[] solution = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= lower[k][i] * solution[k];
            }
            solution[i] = sum / lower[i][i];
        }
        return solution;
    }

    private LogisticRegression() {
    }
}
