package io.alphaweave.platform.evaluation;

/**
 * Turnover: per day, value traded / mean(gross book value of the previous and the current day),
 * the gross book before the first day counting as 0 (pyfolio's convention) and 0/0 as 0. Immutable.
 *
 * @param dailyMean mean daily turnover
 * @param annualised dailyMean × 252
 * @param days number of days averaged
 */
public record TurnoverMetrics(double dailyMean, double annualised, int days) {}
