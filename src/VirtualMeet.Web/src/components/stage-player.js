// The stream player: the configured source in the chosen language (HLS or a plain video file in <video>, an
// embeddable player in an <iframe>), a language switch when there are several, and a clear placeholder otherwise.
import { clear, h } from '../core/dom.js';
import { addStrings, t } from '../core/i18n.js';

addStrings({
  de: {
    'stage.player': 'Livestream',
    'stage.streamLanguage': 'Sprache des Streams',
    'stage.lang.de': 'Deutsch',
    'stage.lang.en': 'Englisch',
    'stage.noStream': 'Für diese Bühne ist noch kein Stream eingerichtet.',
    'stage.noStreamHint': 'Sobald die Moderation eine Quelle hinterlegt, erscheint sie hier – die Seite aktualisiert sich von selbst.',
    'stage.hlsUnsupported': 'Ihr Browser spielt diesen HLS-Stream nicht direkt ab.',
    'stage.openStream': 'Stream in neuem Fenster öffnen',
    'stage.ended': 'Die Übertragung ist beendet.',
    'stage.replay': 'Aufzeichnung ansehen',
  },
  en: {
    'stage.player': 'Live stream',
    'stage.streamLanguage': 'Stream language',
    'stage.lang.de': 'German',
    'stage.lang.en': 'English',
    'stage.noStream': 'No stream is configured for this stage yet.',
    'stage.noStreamHint': 'As soon as the moderators set a source it appears here – the page updates by itself.',
    'stage.hlsUnsupported': 'Your browser cannot play this HLS stream directly.',
    'stage.openStream': 'Open the stream in a new window',
    'stage.ended': 'The broadcast has ended.',
    'stage.replay': 'Watch the replay',
  },
});

const languageName = (code) => (code === 'de' || code === 'en' ? t(`stage.lang.${code}`) : code.toUpperCase());

function isHls(source) {
  return source.kind === 'hls' || /\.m3u8(\?|$)/i.test(source.url);
}

function isEmbed(source) {
  return source.kind === 'embed' || source.kind === 'iframe';
}

export function createStagePlayer() {
  let chosenLanguage = null;
  let shownUrl = null;
  let last = null;
  const element = h('section', { class: 'stage-player', 'aria-label': t('stage.player') });

  /** Renders `stage` (a StageView); keeps a playing element when its URL did not change. */
  function update(stage, defaultLanguage) {
    last = { stage, defaultLanguage };
    const sources = stage.sources ?? [];
    if (stage.status === 'ended') return show(ended(stage), null);
    if (sources.length === 0) return show(placeholder(), null);
    const source = sources.find((s) => s.language === chosenLanguage)
      ?? sources.find((s) => s.language === defaultLanguage) ?? sources[0];
    if (source.url === shownUrl && element.querySelector('.stage-media')) {
      element.querySelector('.stage-language')?.replaceWith(languageSwitch(sources, source));
      return;
    }
    show([languageSwitch(sources, source), media(source)], source.url);
  }

  function show(content, url) {
    shownUrl = url;
    clear(element).append(...[content].flat().filter(Boolean));
  }

  function languageSwitch(sources, current) {
    if (sources.length < 2) return null;
    const id = 'stage-language-select';
    const select = h('select', {
      id, on: { change: () => { chosenLanguage = select.value; update(last.stage, last.defaultLanguage); } },
    }, sources.map((s) => h('option', { value: s.language, selected: s.language === current.language, text: languageName(s.language) })));
    return h('div', { class: 'field stage-language' }, h('label', { for: id, text: t('stage.streamLanguage') }), select);
  }

  return { element, update };
}

function media(source) {
  if (isEmbed(source)) {
    return h('div', { class: 'stage-media stage-frame' },
      h('iframe', {
        src: source.url, title: t('stage.player'), allow: 'autoplay; fullscreen; picture-in-picture', allowfullscreen: '',
        referrerpolicy: 'no-referrer',
      }));
  }
  const video = h('video', { class: 'stage-video', controls: true, playsinline: '', autoplay: true, muted: true, src: source.url });
  const hlsUnsupported = isHls(source) && !video.canPlayType('application/vnd.apple.mpegurl');
  return h('div', { class: 'stage-media' },
    hlsUnsupported ? null : video,
    hlsUnsupported
      ? h('div', { class: 'stage-placeholder' },
        h('p', { text: t('stage.hlsUnsupported') }),
        h('a', { href: source.url, target: '_blank', rel: 'noopener noreferrer', text: t('stage.openStream') }))
      : null);
}

function placeholder() {
  return h('div', { class: 'stage-placeholder', role: 'status' },
    h('span', { class: 'stage-placeholder-icon', 'aria-hidden': 'true', text: '▶' }),
    h('p', { class: 'stage-placeholder-title', text: t('stage.noStream') }),
    h('p', { class: 'muted', text: t('stage.noStreamHint') }));
}

function ended(stage) {
  return h('div', { class: 'stage-placeholder', role: 'status' },
    h('span', { class: 'stage-placeholder-icon', 'aria-hidden': 'true', text: '■' }),
    h('p', { class: 'stage-placeholder-title', text: t('stage.ended') }),
    stage.replayUrl ? h('a', { class: 'button primary', href: stage.replayUrl, target: '_blank', rel: 'noopener noreferrer', text: t('stage.replay') }) : null);
}
