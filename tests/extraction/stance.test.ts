import { eventOf, readStance, suggestStance } from '../../src/extraction/stance';

// The stance suggested from cue words and their negation, with the cues shown.

describe('stance suggestion', () => {
  test.each([
    ['categorically rejects any separatist calls', 'opposes', 2],
    ['Called for the creation of a separate homeland.', 'supports', 1],
    ['all free countries and people must stand with us', 'supports', 1],
    ['strongly condemns the decision', 'opposes', 2],
    ['We welcome the agreement', 'supports', 1],
    ['would not support the bill', 'opposes', 1],
    ['Described the authorities as extremists.', 'opposes', 1],
    ['It is too early to say', 'neutral', 1],
    ['The meeting is on Tuesday', 'unclear', 1],
    ['Warned that the tariff would push up the price of every car', 'opposes', 1],
    ['We will not recognise a president chosen by the people who count the votes', 'opposes', 1],
    ['Welcomed the proposal but said it did not go far enough', 'mixed', 1],
    ['too little, too late', 'mixed', 1],
    ['This is a start, not a solution', 'mixed', 1],
    ['Urged both sides to accept mediation.', 'neutral', 1],
    ['I will not let a handful of objectors block the future of this region', 'supports', 1],
    ['The charity Safe Passage said the meeting is on Tuesday', 'unclear', 1],
    ['Said construction would cost about 300 million euros.', 'unclear', 1],
    ['Said monitors would be deployed by the end of the week.', 'unclear', 1],
    ['higher borrowing costs would strangle the recovery', 'opposes', 1],
    ['These tariffs level the playing field', 'supports', 1],
    ['Rejected the accusation that the dam would dry the river.', 'supports', 1],
    ['We will defend our producers by every lawful means', 'opposes', 1],
    ['said it would examine every legal option', 'opposes', 1],
    ['Said the decision was a matter for the regional authority.', 'neutral', 1],
    ['But decriminalisation without money for treatment is only half a policy', 'mixed', 1],
    ['We are not against cleaner air. We are against a plan drawn up without asking anyone', 'opposes', 1],
    ['Said the company would comply with the new rules.', 'neutral', 1],
    ['Said the government would not intervene in the dispute.', 'neutral', 1],
    ['said the agency would review the licence every month', 'neutral', 1],
    ["said the minister respected the commission's independence", 'neutral', 1],
    ['handled in accordance with the treaty', 'neutral', 1],
    ['said she was studying the report', 'neutral', 1],
    ['Said the residents had never been consulted.', 'opposes', 1],
    ['Nobody in the village was asked about any of it', 'opposes', 1],
    ['said the agency had not yet been consulted on the details', 'unclear', 1],
    ['said the union would not back the agreement in its current form', 'mixed', 1],
    ['said she supported the new tram line in principle', 'mixed', 1],
    ['said the party would vote for the budget if the fuel duty rise were dropped', 'mixed', 1],
    ['said it was deeply concerned by the new law', 'opposes', 2],
    ['The federation regrets the decision', 'opposes', 1],
    ['We won’t support a bill written in secret', 'opposes', 1],
    ["They don't oppose the new bridge", 'supports', 1],
    ["We can't let a few objectors block the new bridge", 'supports', 1],
    ['The builders said the homes would be ready in May', 'unclear', 1],
    ['You do not fix a housing shortage by taxing small landlords', 'opposes', 1],
    ["We can't cut crime by closing every police station", 'opposes', 1],
    ['said the law would strip tenants of the right to a hearing', 'opposes', 1],
    ['said the rules deny families the opportunity to be heard', 'opposes', 1],
    ['Said studies of the three previous increases had found no clear effect on employment.', 'neutral', 1],
    ['Said trials in other countries had shown small gains in attendance', 'neutral', 1],
    ['said the ministry had taken note of the ruling', 'neutral', 1],
    ['Said the party would abstain.', 'neutral', 1],
    ['Said it would need at least two years’ notice to change its timetables.', 'neutral', 1],
    ['Rejected opposition claims that the takeover would cost taxpayers billions.', 'supports', 1],
    ["Rejected the farmers' claim that the animals would be impossible to control.", 'supports', 1],
    ['Said the measure would prevent about 120 deaths a year.', 'supports', 1],
    ['The plan would reduce the harm done by cheap drink', 'supports', 1],
    ['The cap will cut jobs and harm families', 'opposes', 1],
    ['Said the government should instead negotiate prices drug by drug.', 'opposes', 1],
    ['Said it would ask the Constitutional Court to review the law.', 'opposes', 1],
    ['Rejected calls for a referendum.', 'opposes', 1],
    ['said it was appalled', 'opposes', 1],
    ['said it was deeply disappointed by the decision', 'opposes', 2],
    ['Said she would be glad to leave.', 'supports', 1],
    ['Supporters of the club gathered outside the ground', 'unclear', 1],
    ['I have been a supporter of this plan for years', 'supports', 1],
  ] as const)('%s → %s', (text, stance, strength) => {
    const s = suggestStance(text);
    expect([s.stance, s.strength]).toEqual([stance, strength]);
  });

  test('a negated opposition is not opposition', () => {
    const s = suggestStance('The government does not oppose the plan.');
    expect(s.stance).not.toBe('opposes');
    expect(s.negated).toBe(true);
    expect(s.cues).toContain('not oppose');
  });

  test('averting harm is shown in its own words, not as a negation', () => {
    expect(suggestStance('Said the measure would prevent about 120 deaths a year.').cues).toEqual(['prevent about 120 deaths']);
  });

  test('shows the words that led to it', () => {
    expect(suggestStance('categorically rejects any separatist calls').cues.slice(0, 2)).toEqual(['categorically', 'rejects']);
  });

  test('with a topic, the words about the topic decide', () => {
    const text = 'We reject violence, but we call for a separate region for the Druze';
    expect(suggestStance(text).stance).toBe('mixed');
    expect(suggestStance(text, 'Separate Druze region in southern Syria').stance).toBe('supports');
  });

  test('on a topic that undoes something, praise of the thing itself leans against the topic', () => {
    const topic = 'Ban on the weedkiller florazine';
    expect(suggestStance('florazine is safe when used according to the label', topic).stance).toBe('opposes');
    expect(suggestStance('The ban on florazine is long overdue and will protect bees', topic).stance).toBe('supports');
  });

  test('no cue, no stance: unclear with no cues', () => {
    expect(suggestStance('The talks resume in Geneva.')).toEqual({ stance: 'unclear', strength: 1, cues: [], negated: false });
  });

  test('when the news undoes the topic, reactions to the news lean the other way on the topic', () => {
    const topic = 'The merger of Aerovista and Korvian Airways';
    const event = eventOf('The competition authority on Tuesday blocked the merger of Aerovista and Korvian Airways.', topic);
    expect(event).toEqual({ undoesTopic: true });
    expect(readStance('welcomed the ruling', topic, event).stance).toBe('opposes');
    expect(readStance('deeply disappointed', topic, event).stance).toBe('supports');
    // Words about the topic itself keep their sense.
    expect(readStance('the merger was a threat to passengers', topic, event).stance).toBe('opposes');
    // A lede that rejects something else undoes nothing.
    expect(eventOf('Nurses will strike after the union rejected the final pay offer.', "Nurses' strike over pay")).toEqual({
      undoesTopic: false,
    });
  });

  test('a request is against the topic when it asks for it to be undone or not to happen', () => {
    expect(readStance('called on the mayor not to sign the order', 'The night bus order').stance).toBe('opposes');
    expect(readStance('called on the council not to delay the bike lanes', 'New bike lanes').stance).toBe('supports');
    expect(readStance('called for the cycle lanes to be scrapped', 'New cycle lanes').stance).toBe('opposes');
  });

  test('a topic phrased as an undoing or a negation is what the same request asks for', () => {
    const text = 'demanded that taxis be exempted from the charge';
    expect(readStance(text, 'Exempting taxis from the congestion charge').stance).toBe('supports');
    expect(readStance(text, 'The congestion charge').stance).toBe('opposes');
    const guarantee = 'demanded a guarantee that no library would close';
    expect(readStance(guarantee, 'A guarantee that no library closes').stance).toBe('supports');
  });
});
