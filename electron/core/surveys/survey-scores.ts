/** What the warning model reads of surveys: each customer's last score (a file of its own: surveys.ts uses retention). */
export { lastSurveyScores } from './surveys-repository';
