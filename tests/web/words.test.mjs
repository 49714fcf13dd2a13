// SPDX-License-Identifier: MIT
// Everyday words to findings (web/src/words.js): the parent's own description and the clinician's
// search, with typos and word endings, negation, order, and nothing offered that a parent cannot see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { normalise, stem, sameWord, distance, findPhrase, tokens, matchDescription, layHits, appliesTo } from '../../web/src/words.js';

const variables = [
  { id: 'HP:0010543', label: 'Opsoclonus', lay: 'Chaotic, darting eye movements', observable: true,
    layTerms: ['dancing eyes', 'darting eyes', 'eyes darting', 'eyes dart', 'jumping eyes'] },
  { id: 'HP:0001251', label: 'Ataxia', lay: 'Unsteadiness', observable: true, layTerms: ['wobbly', 'wobbles', 'unsteady', "can't balance"] },
  { id: 'HP:0001336', label: 'Myoclonus', lay: 'Sudden jerks', observable: true, layTerms: ['jerks', 'twitches', 'dancing feet'] },
  { id: 'HP:0002360', label: 'Sleep disturbance', lay: 'Poor sleep', observable: true, layTerms: ['not sleeping', "can't sleep"] },
  { id: 'HP:0001945', label: 'Fever', lay: 'Fever', observable: true, layTerms: ['temperature'] },
  { id: 'HP:0012229', label: 'CSF pleocytosis', lay: 'White cells in the spinal fluid', layTerms: ['spinal fluid'] },
];

test('normalising, stems and typos', () => {
  assert.equal(normalise('  Her EYES…  keep “darting”! '), 'her eyes keep darting');
  assert.equal(normalise("can’t walk"), 'cant walk');
  assert.equal(stem('darting'), 'dart');
  assert.equal(stem('wobbles'), stem('wobbly'));
  assert.equal(distance('jerks', 'jrkes', 2), 2);
  assert.equal(distance('ab', 'ba', 2), 1, 'a swap counts once');
  assert.ok(sameWord('darting', 'dartin'));
  assert.ok(sameWord('wobbles', 'woblles'));
  assert.ok(sameWord('dancing', 'dance'));
  assert.ok(!sameWord('eyes', 'ears'), 'short words need to match exactly');
  assert.ok(!sameWord('fever', 'never'));
  // Real words one letter apart are not typos of each other: "I feel dizzy" is no fall, and "for
  // two weeks" no weakness.
  assert.ok(!sameWord('feel', 'fell'));
  assert.ok(!sameWord('weeks', 'weak'));
  assert.ok(!sameWord('week', 'weak'));
  assert.equal(findPhrase(tokens('her eyes keep darting around'), tokens('eyes darting')), 1);
  assert.equal(findPhrase(tokens('darting eyes'), tokens('eyes darting')), -1, 'order matters');
});

test('a description of how someone feels is not read as a fall, nor weeks as weakness', () => {
  const more = [...variables,
    { id: 'exposure:head-trauma', label: 'Head injury before onset', lay: 'A knock to the head', observable: true, layTerms: ['fall', 'fell', 'knock', 'hit his head'] },
    { id: 'HP:0001324', label: 'Muscle weakness', lay: 'Weakness of arms or legs', observable: true, layTerms: ['weak', 'weakness'] }];
  const m = matchDescription('For two weeks my eyes keep darting around and I feel wobbly, and my arms jerk', more);
  assert.deepEqual(m.map((x) => x.id), ['HP:0010543', 'HP:0001251', 'HP:0001336']);
  assert.deepEqual(matchDescription('He fell off his bike and now he is weak', more).map((x) => x.id), ['exposure:head-trauma', 'HP:0001324']);
});

test('a word the vocabulary itself uses is not taken for a typo of another, and a typo is one letter', () => {
  const more = [...variables,
    { id: 'HP:0001289', label: 'Confusion', lay: 'Confusion', observable: true, layTerms: ['confused'] },
    { id: 'exposure:head-trauma', label: 'Head injury before onset', lay: 'A knock to the head', observable: true,
      question: 'In the days before this started, did the person hit their head?', layTerms: ['concussion'] },
    { id: 'HP:0001337', label: 'Tremor', lay: 'Shaking', observable: true, layTerms: ['startles'] }];
  // "confusion" is one of the vocabulary's words: not a misspelt "concussion" (two letters away).
  assert.deepEqual(matchDescription('there is some confusion', more).map((x) => x.id), ['HP:0001289']);
  // "started" is in a question: not a misspelt "startles"; a real typo still matches.
  assert.deepEqual(matchDescription('it started on monday', more).map((x) => x.id), []);
  // ... nor another ending of it ("starting", whose stem the vocabulary's "started" shares).
  assert.deepEqual(matchDescription('it was starting to get better', more).map((x) => x.id), []);
  // "concusion" is one letter from "concussion" and from "confusion": both are offered to choose from.
  assert.deepEqual(matchDescription('after a concusion', more).map((x) => x.id), ['HP:0001289', 'exposure:head-trauma']);
  assert.ok(!sameWord('ingestion', 'infection'), 'two letters apart: two words, not a typo');
  assert.ok(!sameWord('screening', 'screaming'));
});

test('a parent\'s description: the findings, in the order mentioned, to confirm', () => {
  const m = matchDescription('Her eyes keep darting around and she wobbles when she walks, and she is not sleeping', variables);
  assert.deepEqual(m.map((x) => x.id), ['HP:0010543', 'HP:0001251', 'HP:0002360']);
  assert.ok(m.every((x) => !x.negated), '"not sleeping" is the finding itself, not a negation');
  assert.equal(m[0].term, 'eyes darting');
  // Quoted as the parent wrote them, not as the everyday phrase matched.
  assert.deepEqual(m.map((x) => x.said), ['eyes keep darting', 'wobbles', 'not sleeping']);
  assert.deepEqual(matchDescription('Son œil droit: ses YEUX dansent… "dancing eyes"!', variables).map((x) => x.said), ['dancing eyes']);
});

test('typos, everyday words and negation', () => {
  const m = matchDescription('dansing eyes and jerkes, no temprature', variables);
  assert.deepEqual(m.map((x) => [x.id, x.negated]), [['HP:0010543', false], ['HP:0001336', false], ['HP:0001945', true]]);
  assert.deepEqual(matchDescription('', variables), []);
  assert.deepEqual(matchDescription('the spinal fluid was normal', variables), [], 'a test result is not something a parent sees');
});

test('the clinician\'s search finds everyday words', () => {
  assert.deepEqual(layHits('dancing eyes', variables), [{ id: 'HP:0010543', term: 'dancing eyes' }]);
  assert.deepEqual(layHits('wobbl', variables).map((h) => h.id), ['HP:0001251']);
  assert.deepEqual(layHits('the', variables), []);
});

test('overlapping matches: the longer phrase wins, each word counts once', () => {
  const vars = [
    { id: 'HP:0002360', label: 'Sleep disturbance', lay: 'Poor sleep', observable: true, layTerms: ['not sleeping'] },
    { id: 'HP:0004372', label: 'Reduced consciousness', lay: 'Very drowsy', observable: true, layTerms: ['sleepy', 'drowsy'] },
  ];
  assert.deepEqual(matchDescription('she is not sleeping at night', vars).map((m) => m.id), ['HP:0002360']);
  assert.deepEqual(matchDescription('she is sleepy all day and not sleeping at night', vars).map((m) => m.id), ['HP:0004372', 'HP:0002360']);
});

test('words two findings share are offered as both, for the parent to choose', () => {
  const eyes = [
    { id: 'HP:0031931', label: 'Ocular flutter', lay: 'Side-to-side bursts', observable: true, layTerms: ['eyes shaking side to side'] },
    { id: 'HP:0000639', label: 'Nystagmus', lay: 'Rhythmic eye jerking', observable: true, layTerms: ['eyes shaking side to side', 'eye wobble'] },
    { id: 'HP:0010543', label: 'Opsoclonus', lay: 'Dancing eyes', observable: true, layTerms: ['eyes wobble'] },
  ];
  const both = matchDescription('his eyes are shaking from side to side', eyes);
  assert.deepEqual(both.map((m) => m.id).sort(), ['HP:0000639', 'HP:0031931']);
  assert.ok(both.every((m) => m.shared), 'each says its words can mean more than one thing');
  assert.ok(matchDescription('his eye wobble and he is shaking side to side', eyes.slice(0, 1)).every((m) => !m.shared));
  assert.deepEqual(matchDescription('her eyes wobble', eyes).map((m) => m.id).sort(), ['HP:0000639', 'HP:0010543']);
  // A longer phrase still wins over a shorter one on the same words.
  assert.deepEqual(matchDescription('eyes wobble', [eyes[2], { id: 'X', label: 'x', observable: true, layTerms: ['wobble'] }]).map((m) => m.id), ['HP:0010543']);
});

test('a word matched exactly wins over a typo of another word; a longer phrase over a shorter one', () => {
  const v = [
    { id: 'HP:0001250', label: 'Seizure', lay: 'Fits', observable: true, layTerms: ['convulsion'] },
    { id: 'exposure:head-trauma', label: 'Head injury', lay: 'A knock to the head', observable: true, layTerms: ['concussion', 'fall'] },
    { id: 'HP:0001251', label: 'Ataxia', lay: 'Unsteadiness', observable: true, layTerms: ['keeps falling'] },
  ];
  assert.deepEqual(matchDescription('he had a concussion', v).map((m) => m.id), ['exposure:head-trauma']);
  assert.deepEqual(matchDescription('he had a convulsion', v).map((m) => m.id), ['HP:0001250']);
  assert.deepEqual(matchDescription('he had a convlusion', v).map((m) => m.id), ['HP:0001250'], 'a typo still matches');
  assert.deepEqual(matchDescription('she keeps falling', v).map((m) => m.id), ['HP:0001251']);
  // Between two typos, the closer word: "concusion" is one letter from "concussion", two from
  // "convulsion"; one letter from "confusion" too, so those two are offered as both.
  assert.deepEqual(matchDescription('he had a concusion', v).map((m) => m.id), ['exposure:head-trauma']);
  const confused = [...v, { id: 'HP:0001289', label: 'Confusion', lay: 'Confused', observable: true, layTerms: ['confusion'] }];
  const two = matchDescription('he had a concusion', confused);
  assert.deepEqual(two.map((m) => m.id).sort(), ['HP:0001289', 'exposure:head-trauma']);
  assert.ok(two.every((m) => m.shared));
});

// The shipped everyday words: the features and the exposures, as the engine's vocabulary offers them.
const readData = (f) => JSON.parse(readFileSync(new URL(`../../data/${f}`, import.meta.url), 'utf8'));
const shipped = [...readData('features.json').features, ...readData('vocabulary.json').exposures.map((e) => ({ ...e, id: `exposure:${e.id}` }))];
const ids = (text) => matchDescription(text, shipped).map((m) => m.id).sort();

// The shipped words, as an adult patient describes opsoclonus:
// shaking eyes, and the world jumping (oscillopsia). Both can be the chaotic eye movements of OMS
// or a rhythmic nystagmus, so both are offered, for the person to answer each; "jump" said of the
// room is not a jerk of the body, and "my arms jerk" still is.
test('shaking eyes and a jumping room are offered as both eye movements, not as jerks', () => {
  const EYES = ['HP:0000639', 'HP:0010543'];
  assert.deepEqual(ids('my eyes shake'), EYES);
  assert.deepEqual(ids('his eyes are shaking'), EYES);
  assert.ok(matchDescription('my eyes shake', shipped).every((m) => m.shared));
  assert.deepEqual(ids('the room seems to jump'), EYES);
  assert.deepEqual(ids('when I look at things they jump about'), EYES);
  assert.deepEqual(ids('my vision is shaky'), EYES);
  assert.deepEqual(ids('the room seems to jump and my arms jerk'), ['HP:0000639', 'HP:0001336', 'HP:0010543']);
  // Words of a finding already found still belong to it: the eyes twice, not the eyes and a jerk.
  assert.deepEqual(ids('my eyes shake and the room seems to jump'), EYES);
  // Side to side is still flutter or nystagmus, and dancing eyes still opsoclonus alone.
  assert.deepEqual(ids('her eyes are shaking side to side'), ['HP:0000639', 'HP:0031931']);
  assert.deepEqual(ids('dancing eyes'), ['HP:0010543']);
  assert.deepEqual(ids('her hands are shaking'), ['HP:0001337']);
  // The world or the room shaking is what is seen (oscillopsia), not a tremor of the body; shaking
  // all over still is one.
  assert.deepEqual(ids('it is like the world is shaking'), EYES);
  assert.deepEqual(ids('the room is shaking when I walk'), EYES);
  assert.deepEqual(ids('the world jumps when I read'), EYES);
  assert.deepEqual(ids('I am shaking all over'), ['HP:0001337']);
  // A cancer already diagnosed, in the words people use for it.
  assert.deepEqual(ids('a neuroblastoma was found on the scan'), ['exposure:known-cancer']);
  assert.deepEqual(ids('I had chemo last year'), ['exposure:known-cancer']);
});

// The shipped words for a toddler's unsteadiness, as parents put it.
test('a parent\'s words for unsteadiness, shaking, not walking and eyes stuck upwards', () => {
  // "Can't sit up" is also a lost skill (offered beside it, for the parent to choose).
  assert.deepEqual(ids('he can\'t sit up anymore and won\'t stand'), ['HP:0002376', 'HP:0002540']);
  assert.deepEqual(ids('he seems drunk and holds onto furniture'), ['HP:0001251']);
  assert.deepEqual(ids('she drops things'), ['HP:0001251']);
  assert.deepEqual(ids('his hands shake and his head bobs'), ['HP:0001337']);
  assert.deepEqual(ids('his eyes go up and get stuck'), ['HP:0033980']);
  assert.deepEqual(ids('her eyes roll up'), ['HP:0033980'], 'not the chaotic movements of "eyes rolling"');
  assert.deepEqual(ids('his eyes shake'), ['HP:0000639', 'HP:0010543'], 'shaking eyes are not a tremor');
  assert.deepEqual(ids('she fell off the sofa'), ['exposure:head-trauma'], 'the exposures are in the list');
  // Not a knock to the head, nor a headache: clumsiness and a floppy head.
  assert.deepEqual(ids('she keeps bumping into things'), ['HP:0001251']);
  assert.deepEqual(ids('he trips a lot'), ['HP:0001251']);
  assert.deepEqual(ids('he can\'t hold his head up'), ['HP:0001252']);
  assert.deepEqual(ids('his eyes are going side to side'), ['HP:0000639', 'HP:0031931']);
  assert.deepEqual(ids('he keeps falling asleep'), ['HP:0004372'], 'drowsy, not a fall nor unsteady');
  assert.deepEqual(ids('she had a fall last week'), ['exposure:head-trauma']);
  assert.deepEqual(ids('she spills her drink'), ['HP:0001251'], 'not drinking alcohol');
  assert.deepEqual(ids('her writing is messy'), ['HP:0001251'], 'not writhing');
  assert.deepEqual(ids('I can\'t walk straight'), ['HP:0001251'], 'unsteady, not unable to walk');
  assert.deepEqual(ids('my neck is stiff'), ['HP:0031179']);
  // The signs of a neuroblastoma, as parents see them.
  assert.deepEqual(ids('his tummy is swollen'), ['HP:0031500']);
  assert.deepEqual(ids('her eye is droopy and one pupil is smaller'), ['HP:0002277']);
});

// More of the shipped words, as parents and adults put them: a rocking boat is vertigo; sleeping
// badly is poor sleep, not drowsiness; a limp walk is not floppiness; bruising around the eyes and
// bluish lumps under the skin are the neuroblastoma signs (not a knock, whose words are "bumps").
test('a rocking boat, bad sleep, not talking, the skin signs of a neuroblastoma and a breast lump', () => {
  assert.deepEqual(ids('I feel like I\'m on a boat'), ['HP:0002321']);
  assert.deepEqual(ids('the room is moving'), ['HP:0002321']);
  assert.deepEqual(ids('he is sleeping badly'), ['HP:0002360']);
  assert.deepEqual(ids('she is not sleeping well'), ['HP:0002360']);
  assert.deepEqual(ids('he is limping'), [], 'a limp is not floppiness');
  assert.deepEqual(ids('she went limp'), ['HP:0001252']);
  assert.deepEqual(ids('he sways when he stands'), ['HP:0001251']);
  assert.deepEqual(ids('she is jittery'), ['HP:0001337']);
  assert.deepEqual(ids('he won\'t talk'), ['HP:0002300']);
  assert.deepEqual(ids('he has stopped talking'), ['HP:0002376'], 'losing words stays a regression');
  // A toddler wetting the bed again has lost a skill (a regression), not a new problem passing urine;
  // wetting again by day is offered as either, for the parent to choose; weak legs bring the spinal
  // cord question as before.
  assert.deepEqual(ids('he is wetting the bed again'), ['HP:0002376']);
  // A toddler who no longer sits up cannot walk or stand either (not restlessness: "can't sit
  // still"); crying all night is poor sleep and irritability, for the parent to choose.
  // It is a lost skill too, offered beside it; for a baby, who is not asked about walking, it is the
  // lost skill alone (a parents' audit, 2026.12.17: "she won't sit up anymore" matched nothing at 10
  // months).
  assert.deepEqual(ids('she won\'t sit up anymore'), ['HP:0002376', 'HP:0002540']);
  // (the ages as the engine's vocabulary gives them: appliesWhen's age range as appliesTo)
  const aged = shipped.map((v) => (v.appliesWhen?.type === 'age' ? { ...v, appliesTo: { minAge: v.appliesWhen.min, maxAge: v.appliesWhen.max } } : v));
  assert.deepEqual(matchDescription('she is shaking and won\'t sit up anymore', aged, { age: 0.8 }).map((m) => m.id).sort(),
    ['HP:0001337', 'HP:0002376']);
  assert.deepEqual(matchDescription('my baby is not smiling anymore', aged, { age: 0.5 }).map((m) => [m.id, m.negated]),
    [['HP:0002376', false]]);
  assert.deepEqual(ids('she can\'t sit still'), []);
  assert.deepEqual(ids('he cries all night'), ['HP:0000737', 'HP:0002360']);
  assert.deepEqual(ids('he is awake all night'), ['HP:0002360']);
  // Head nodding (spasmus nutans, or the head tremor of OMS) is a shaking of the head.
  assert.deepEqual(ids('his head keeps nodding'), ['HP:0001337']);
  // More of how parents put the eyes: going crazy (the dancing eyes); spinning or wiggling (either
  // kind, to choose with the animation); vibrating (nystagmus or flutter).
  assert.deepEqual(ids('his eyes are going crazy'), ['HP:0010543']);
  assert.deepEqual(ids('his eyes are spinning'), ['HP:0000639', 'HP:0010543'], 'eyes spinning is not vertigo');
  assert.deepEqual(ids('the room is spinning'), ['HP:0002321']);
  assert.deepEqual(ids('her eyes wiggle'), ['HP:0000639', 'HP:0010543']);
  assert.deepEqual(ids('her eyes vibrate'), ['HP:0000639', 'HP:0031931']);
  // A toddler who will not be put down is irritable; bleach, cleaning products and cannabis edibles
  // are ingestions to ask about.
  assert.deepEqual(ids('she won\'t let me put her down'), ['HP:0000737']);
  assert.deepEqual(ids('she drank some bleach'), ['exposure:drug-or-toxin']);
  assert.deepEqual(ids('he ate one of the cannabis gummies'), ['exposure:drug-or-toxin']);
  assert.deepEqual(ids('he can\'t wee'), ['HP:0002176'], '"weed" is a word, "wee" still the spinal-cord question');
  // An adult's own words: feeling drunk (unsteadiness), not thinking straight (confusion), forgetting
  // things (the question then asks whether it has been getting worse over weeks).
  assert.deepEqual(ids('I feel drunk'), ['HP:0001251']);
  assert.deepEqual(ids('I can\'t think straight'), ['HP:0001289']);
  assert.deepEqual(ids('I keep forgetting things'), ['HP:0000726']);
  // Everyday terms that are one word by stem count once: wobbles and wobbling are "wobbly".
  for (const words of ['he wobbles', 'she is wobbling', 'he keeps falling over', 'she bumps into things', 'she is swaying']) {
    assert.deepEqual(ids(words), ['HP:0001251'], words);
  }
  assert.deepEqual(ids('she is back in nappies'), ['HP:0002376']);
  assert.deepEqual(ids('she has started wetting herself again'), ['HP:0002176', 'HP:0002376']);
  assert.deepEqual(ids('he is wetting himself and his legs are weak'), ['HP:0001324', 'HP:0002176']);
  assert.deepEqual(ids('bruises around her eyes'), ['HP:0025552']);
  assert.deepEqual(ids('she has black eyes'), ['HP:0025552']);
  assert.deepEqual(ids('blue bumps on his skin'), ['HP:0001482']);
  assert.deepEqual(ids('lumps under her skin'), ['HP:0001482']);
  assert.deepEqual(ids('she fell and has a black eye'), ['HP:0025552', 'exposure:head-trauma']);
  assert.deepEqual(ids('I found a lump in my breast'), ['HP:0032408']);
  assert.deepEqual(ids('she has a breast lump'), ['HP:0032408']);
  // Knocking things over is clumsiness, not a knock to the head; jumping words are the eyes, not jerks.
  assert.deepEqual(ids('he knocks things over'), ['HP:0001251']);
  assert.deepEqual(ids('he knocked his head'), ['exposure:head-trauma']);
  assert.deepEqual(ids('the words jump when I read'), ['HP:0000639', 'HP:0010543']);
  assert.deepEqual(ids('his eyes won\'t keep still'), ['HP:0000639', 'HP:0010543']);
  assert.deepEqual(ids('she won\'t settle'), ['HP:0000737']);
  assert.deepEqual(ids('her arms fly out'), ['HP:0001336']);
  assert.deepEqual(ids('he is lurching'), ['HP:0001251']);
  assert.deepEqual(ids('his legs gave way'), ['HP:0001324']);
  assert.deepEqual(ids('he has gone back to crawling'), ['HP:0002376']);
  assert.deepEqual(ids('he keeps puking'), ['HP:0002013']);
  assert.deepEqual(ids('he is out of it'), ['HP:0001289']);
});

// A new squint is what a parent sees of an eye that cannot move fully (a sixth-nerve palsy, with
// unsteadiness a sign to be seen within a day); squinting in the sun is not.
test('a new squint is offered as eyes that cannot move fully', () => {
  assert.deepEqual(ids('his eye turns in and he is wobbly'), ['HP:0000597', 'HP:0001251']);
  assert.deepEqual(ids('she has gone cross-eyed'), ['HP:0000597']);
  assert.deepEqual(ids("he's got a squint"), ['HP:0000597']);
  assert.deepEqual(ids('she is squinting in the sun'), []);
});

// Jerks as a child falls asleep or in sleep are jerks, not drowsiness; falling asleep all the time is.
test('jerks when falling asleep are not drowsiness', () => {
  assert.deepEqual(ids('he jerks when he falls asleep'), ['HP:0001336']);
  assert.deepEqual(ids('he startles in his sleep'), ['HP:0001336']);
  assert.deepEqual(ids('he jerks in his sleep and is sleepy all day'), ['HP:0001336', 'HP:0004372']);
  assert.deepEqual(ids('she keeps falling asleep'), ['HP:0004372']);
});

// How an adult describes seeing an involuntary eye movement (oscillopsia): both eye movements are
// offered, to choose; "jumps" alone is still a jerk.
test('a bouncing or jiggling world is offered as the eye movements', () => {
  for (const words of ['everything is bouncing when I look', 'the world jiggles', 'my vision is bouncing', 'the text jumps around']) {
    assert.deepEqual(ids(words), ['HP:0000639', 'HP:0010543'], words);
  }
  assert.deepEqual(ids('he jumps a lot'), ['HP:0001336']);
});

// A real English word is not read as a typo of another ("cracked" is not "cranky", "stays" not
// "sways", "table" not "tablets"); a knock to the head is still found; a real typo still matches.
test('real words a parent writes are not typos of the vocabulary', () => {
  assert.deepEqual(ids('he cracked his head on the floor'), ['exposure:head-trauma']);
  assert.deepEqual(ids('we had to cancel the trip'), []);
  assert.deepEqual(ids('he keeps failing his tests'), []);
  assert.deepEqual(ids('he stays in bed'), []);
  assert.deepEqual(ids('he put it on the table'), []);
  assert.deepEqual(ids('she is flipping through a book'), []);
  assert.deepEqual(ids('her eyes go back and forth like a pendulum'), ['HP:0000639', 'HP:0031931']);
  assert.deepEqual(ids('he has lost his balance and keeps bumping into walls'), ['HP:0001251']);
  assert.deepEqual(ids('dansing eyes and he is wobly'), ['HP:0001251', 'HP:0010543']);
});

// A phrase does not run across a comma or a full stop: "wobbly, eyes going back and forth" is
// unsteadiness and the eyes, not "wobbly eyes" alone.
test('a phrase stops at a comma or the end of a sentence', () => {
  assert.deepEqual(ids('he is wobbly, eyes going back and forth'), ['HP:0000639', 'HP:0001251', 'HP:0031931']);
  assert.deepEqual(ids('wobbly eyes'), ['HP:0010543']);
  assert.deepEqual(ids('wobbly, grumpy, not sleeping'), ['HP:0000737', 'HP:0001251', 'HP:0002360']);
  assert.deepEqual(ids('he is wobbly, his eyes going back and forth'), ['HP:0000639', 'HP:0001251', 'HP:0031931']);
  // A comma followed by "they" or "it" goes on about the same thing.
  assert.deepEqual(ids('her eyes, they keep darting'), ['HP:0010543']);
});

test('eyes doing a dance are the dancing eyes', () => {
  assert.deepEqual(ids('his eyes are doing a funny dance'), ['HP:0010543']);
  assert.deepEqual(ids('her eyes do a little dance'), ['HP:0010543']);
});

test('pain in the legs or back is offered as pain', () => {
  assert.deepEqual(ids('his legs hurt and he won\'t walk'), ['HP:0002540', 'HP:0012531']);
  assert.deepEqual(ids('she has back pain'), ['HP:0002176', 'HP:0012531'], 'and the spinal-cord question, to choose');
  assert.deepEqual(ids('he seems to be in pain'), ['HP:0012531']);
});

test('talking nonsense is confusion', () => {
  assert.deepEqual(ids('he is talking nonsense'), ['HP:0001289']);
  assert.deepEqual(matchDescription('she is not making sense', shipped).map((m) => [m.id, m.negated]), [['HP:0001289', false]]);
});

// Trouble swallowing is a finding, not a swallowed drug ("she can't swallow" once offered the drug
// question); feeling sick is nausea, not vomiting; being sick is still vomiting.
test('swallowing and feeling sick are read as what they are', () => {
  for (const words of ["she can't swallow", 'now he cannot swallow properly', 'he has trouble swallowing', 'he chokes when drinking']) {
    assert.deepEqual(ids(words), ['HP:0002015'], words);
  }
  assert.deepEqual(ids('she swallowed some pills'), ['exposure:drug-or-toxin']);
  assert.deepEqual(ids('he feels sick'), ['HP:0002018']);
  assert.deepEqual(ids('she is queasy and throwing up'), ['HP:0002013', 'HP:0002018']);
});

// A stem ending in a consonant and "le" loses the "e": "wobble", "wobbly", "wobbling" and the
// misspelt "wobbley" are one word (it matched nothing: its stem "wobble" was a known word, so not
// a typo, and not "wobbl").
test('-le words and their endings are one word', () => {
  for (const words of ['he is wobbley', 'he wobbles', 'she is wobbling', 'she keeps stumbling', 'he stumbles']) {
    assert.deepEqual(ids(words), ['HP:0001251'], words);
  }
  assert.deepEqual(ids('his eyes wobble'), ['HP:0000639', 'HP:0010543']);
  // "onto" is "on to", so "holds on to furniture" is the everyday term "holds onto furniture".
  assert.deepEqual(ids('she holds on to the furniture'), ['HP:0001251']);
});

// Only the words that matched a phrase are taken, not those it skipped; "and" with a new subject
// starts another clause; a phrase of the same rank with a word of its own left is offered beside
// the one that took a shared word.
test('words between the words of a phrase stay free, and "and he/his ..." starts a new clause', () => {
  assert.deepEqual(ids('I feel dizzy and sick'), ['HP:0002018', 'HP:0002321']);
  assert.deepEqual(ids('he is wobbly and his eyes dart around'), ['HP:0001251', 'HP:0010543']);
  assert.deepEqual(ids('eyes darting and jerking'), ['HP:0000639', 'HP:0010543']);
  assert.deepEqual(ids('darting and flickering eyes'), ['HP:0010543']);
  assert.deepEqual(ids('her eyes go back and forth'), ['HP:0000639', 'HP:0031931']);
});

// Words joined by "and" describe the same thing ("her eyes keep darting and jerking": the eyes both
// times, not a jerk of the body), so a word joined to the next by "and" does not count towards the
// two words a phrase may skip; but two of a phrase's words joined by "and" alone are two things
// ("dancing eyes and jerks": the eyes and the jerks of the body).
test('"and" joins what is said of the same thing, and separates two things named', () => {
  for (const words of ['her eyes keep darting and jerking', 'his eyes are jerking and darting', 'her eyes keep darting around and jerking']) {
    assert.deepEqual(ids(words), ['HP:0000639', 'HP:0010543'], words);
  }
  for (const words of ['dancing eyes and jerks', 'she has dancing eyes and jerking arms', 'dansing eyes and jerkes']) {
    assert.deepEqual(ids(words), ['HP:0001336', 'HP:0010543'], words);
  }
  assert.deepEqual(ids('he has jerky eyes and jerky arms'), ['HP:0000639', 'HP:0001336']);
  assert.deepEqual(ids('her eyes and head are shaking'), ['HP:0000639', 'HP:0010543']);
  // The window stays two other words when nothing is joined.
  assert.ok(!ids('his eyes are very often quite jerking').includes('HP:0000639'));
});

// Struggling to breathe is found in a parent's words (it raises the emergency flag).
test('struggling to breathe, stopping breathing and blue lips are found', () => {
  for (const words of ['he is struggling to breathe', 'his lips went blue', 'she has trouble breathing', 'he stopped breathing for a bit']) {
    assert.deepEqual(ids(words), ['HP:0002094'], words);
  }
  assert.deepEqual(ids('she wears a blue dress'), []);
});

test('a finding is offered only to the people it applies to (age and sex); what is not known excludes nothing', () => {
  const vars = [
    { id: 'exposure:infant-b12-risk', observable: true, lay: 'Breastfed by a mother with low B12', layTerms: ['vegan'], appliesTo: { minAge: 0, maxAge: 3 } },
    { id: 'HP:0003002', observable: true, lay: 'A breast lump', layTerms: ['lump in the breast'], appliesTo: { sexes: ['female'] } },
  ];
  const ids = (text, person) => matchDescription(text, vars, person).map((m) => m.id);
  assert.deepEqual(ids('we are vegan', { age: 0.8 }), ['exposure:infant-b12-risk']);
  assert.deepEqual(ids('we are vegan', { age: 30 }), []);
  assert.deepEqual(ids('we are vegan', { age: 3 }), [], 'the upper bound is excluded');
  assert.deepEqual(ids('we are vegan', {}), ['exposure:infant-b12-risk'], 'age unknown');
  assert.deepEqual(ids('a lump in the breast', { sex: 'male' }), []);
  assert.deepEqual(ids('a lump in the breast', { sex: 'female' }), ['HP:0003002']);
  assert.deepEqual(ids('a lump in the breast', { sex: 'other' }), ['HP:0003002']);
  assert.equal(appliesTo({ id: 'x' }, { age: 40, sex: 'male' }), true, 'no appliesTo: everyone');
});

// "Not" reaches the words of its own clause, a few words on: "she does not have a fever" is a fever
// said to be absent, "no fever and jerks" is jerks present, "I don't know why her eyes dart" is
// darting eyes present.
test('a negation reaches across a few words of its own clause only', () => {
  const neg = (text) => Object.fromEntries(matchDescription(text, variables).map((m) => [m.id, m.negated]));
  assert.deepEqual(neg('she does not have a temperature'), { 'HP:0001945': true });
  assert.deepEqual(neg('no temperature and jerks'), { 'HP:0001945': true, 'HP:0001336': false });
  assert.deepEqual(neg("I don't know why her eyes dart"), { 'HP:0010543': false });
  assert.deepEqual(neg('no temperature, but she is wobbly'), { 'HP:0001945': true, 'HP:0001251': false });
  // A comma before a new subject, or the end of a sentence, ends the clause; a comma alone does not
  // (a parents' audit, 2026.12.17: "not smiling anymore, I'm vegan" read the vegan diet as denied).
  assert.deepEqual(neg("she is not sleeping well, I think she is wobbly"), { 'HP:0002360': false, 'HP:0001251': false });
  assert.deepEqual(neg('she is not herself, she is wobbly'), { 'HP:0001251': false });
  assert.deepEqual(neg('no temperature. Wobbly since Monday'), { 'HP:0001945': true, 'HP:0001251': false });
  assert.deepEqual(neg('no temperature, no jerks'), { 'HP:0001945': true, 'HP:0001336': true });
  assert.deepEqual(neg('not a temperature, jerks'), { 'HP:0001945': true, 'HP:0001336': true });
});

// Words of doubt (a second parents' audit, 2026.12.18: "not sure if he's had a fit" offered the fit
// with Yes and No only): the match says so, and the page offers "Not sure" too.
test('words of doubt earlier in the sentence mark a match as hedged', () => {
  const hedged = (text) => Object.fromEntries(matchDescription(text, variables).map((m) => [m.id, m.hedged]));
  assert.deepEqual(hedged("not sure if he's had a temperature"), { 'HP:0001945': true });
  assert.deepEqual(hedged('maybe a temperature yesterday'), { 'HP:0001945': true });
  assert.deepEqual(hedged("I don't know whether she is wobbly"), { 'HP:0001251': true });
  assert.deepEqual(hedged('she might have jerks'), { 'HP:0001336': true });
  // Sure of the sign: no hedge.
  assert.deepEqual(hedged("I don't know why her eyes dart"), { 'HP:0010543': false });
  assert.deepEqual(hedged('she is wobbly'), { 'HP:0001251': false });
  // A hedge in another sentence does not reach.
  assert.deepEqual(hedged('Not sure about the rest. She is wobbly'), { 'HP:0001251': false });
  assert.deepEqual(hedged("not sure if she had a temperature, her eyes dart"), { 'HP:0001945': true, 'HP:0010543': false });
});
