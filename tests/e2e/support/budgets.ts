/** Page-weight budgets in gzip bytes, before any interaction. Raising one needs a reason. */
export const budgets = {
	/** The promise: at most 15 kB of gzip JavaScript before interaction. */
	initialJs: 15 * 1024,
} as const;

/** Pages the budget test loads: one of each kind. */
export const budgetPages = {
	landing: '/',
	lesson: '/start/what-is-an-api-key/',
	'lesson with sandbox': '/using/first-call/',
	troubleshooter: '/troubleshooter/',
} as const;
