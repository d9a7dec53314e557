// The texts of the stage page and its header and chooser (components/stage-header.js, stage-choices.js).
import { addStrings } from '../core/i18n.js';

addStrings({
  de: {
    'stage.choose': 'Bühne wählen',
    'stage.chooseIntro': 'Wählen Sie eine Keynote, ein Panel oder die Pitches.',
    'stage.timeZone': 'Zeiten in {zone}.',
    'stage.plannedStart': 'Geplant für {time} ({zone})',
    'stage.noStages': 'Diese Veranstaltung hat keine Bühnenprogramme.',
    'stage.speaker': 'Es spricht: {name}',
    'stage.viewers': '{count} Zuschauende',
    'stage.startsIn': 'Beginnt in',
    'stage.startingSoon': 'Beginnt gleich',
    'stage.nowLive': 'Die Bühne ist jetzt live.',
    'stage.moderatorNote': 'Sie moderieren diese Bühne: Chat- und Fragen-Moderation finden Sie direkt an den Beiträgen.',
  },
  en: {
    'stage.choose': 'Choose a stage',
    'stage.chooseIntro': 'Pick a keynote, a panel or the pitches.',
    'stage.timeZone': 'Times in {zone}.',
    'stage.plannedStart': 'Planned for {time} ({zone})',
    'stage.noStages': 'This event has no stage programme.',
    'stage.speaker': 'Speaking: {name}',
    'stage.viewers': '{count} watching',
    'stage.startsIn': 'Starts in',
    'stage.startingSoon': 'Starting soon',
    'stage.nowLive': 'The stage is live now.',
    'stage.moderatorNote': 'You moderate this stage: chat and question moderation sits right at each entry.',
  },
});
