/** A button value Accord did not set: a clear refusal, and the value is not echoed. */
export const tamperedButtonRefusal = () =>
  'That button does not belong to a message of Accord’s, so nothing was done. Use the buttons on Accord’s own messages, or the command instead.';
