/**
 * Audio guidance: every screen speaks its instruction when guidance is on. Uses the platform's
 * speech synthesis (Chromium/Electron, offline voices from the OS); when no voice exists for the
 * language the text stays on screen and nothing fails.
 */
export function speak(
  text: string,
  lang: string,
  synth: SpeechSynthesis | undefined = globalThis.speechSynthesis,
): boolean {
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return false;
  synth.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  utterance.rate = 0.9; // a little slower than default: many patients are older or not native speakers
  synth.speak(utterance);
  return true;
}

export function stopSpeaking(synth: SpeechSynthesis | undefined = globalThis.speechSynthesis): void {
  synth?.cancel();
}
