/** A claim refused because the partner needs *Activate* first (the page says so). */
export const NOT_ACTIVATED = 'not-activated';
