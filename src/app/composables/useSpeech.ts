import { onBeforeUnmount, onMounted, ref } from 'vue';

export type SpeechUnavailable = 'unsupported' | 'no_voice';

/** The voice for a language: exact tag first, then any of the same language ("zh-CN" → "zh-*"). */
function voiceFor(voices: readonly SpeechSynthesisVoice[], lang: string): SpeechSynthesisVoice | undefined {
  const normalise = (tag: string) => tag.replace('_', '-').toLowerCase();
  const wanted = normalise(lang);
  const language = wanted.split('-')[0];
  return voices.find((voice) => normalise(voice.lang) === wanted) ?? voices.find((voice) => normalise(voice.lang).split('-')[0] === language);
}

/**
 * Read-aloud with the Web Speech API. When the browser has no speech synthesis, or no voice for
 * the language, `unavailable` says why instead of failing silently.
 */
export function useSpeech(synth: SpeechSynthesis | undefined = globalThis.speechSynthesis) {
  const speaking = ref(false);
  const unavailable = ref<SpeechUnavailable | null>(synth && typeof SpeechSynthesisUtterance !== 'undefined' ? null : 'unsupported');

  // Browsers load voices late; one arriving after a "no voice" answer makes reading possible again.
  const onVoicesChanged = () => {
    if (unavailable.value === 'no_voice' && synth && synth.getVoices().length > 0) unavailable.value = null;
  };
  onMounted(() => synth?.addEventListener?.('voiceschanged', onVoicesChanged));
  onBeforeUnmount(() => {
    synth?.removeEventListener?.('voiceschanged', onVoicesChanged);
    if (speaking.value) synth?.cancel();
  });

  /** Reads `text` aloud; false (and `unavailable` set) when this device cannot. */
  function speak(text: string, lang: string): boolean {
    if (!synth || typeof SpeechSynthesisUtterance === 'undefined') {
      unavailable.value = 'unsupported';
      return false;
    }
    const voice = voiceFor(synth.getVoices(), lang);
    if (!voice) {
      unavailable.value = 'no_voice';
      return false;
    }
    unavailable.value = null;
    synth.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    utterance.voice = voice;
    // A little slower than the default: the listeners are often elderly.
    utterance.rate = 0.9;
    utterance.onend = () => (speaking.value = false);
    utterance.onerror = () => (speaking.value = false);
    speaking.value = true;
    synth.speak(utterance);
    return true;
  }

  function stop(): void {
    synth?.cancel();
    speaking.value = false;
  }

  return { speak, stop, speaking, unavailable };
}
