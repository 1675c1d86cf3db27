// The transcript a simulated meeting produces unless a test supplies its own VTT: Zoom's shape
// (numbered cues, `HH:MM:SS.mmm` timings, "Name: text"), made-up people and places.

export function sampleTranscript(hostName: string): string {
  const lines: [string, string][] = [
    [hostName, 'Thanks for joining the virtual showing of 12 Elm St.'],
    ['Jordan Sample', 'Happy to be here. Is the basement finished?'],
    [hostName, 'It is: a rec room, a bathroom and a bedroom with an egress window.'],
    [hostName, 'The furnace was replaced in 2024.'],
    ['Jordan Sample', 'Great. Could we see it in person on Saturday at 10:30?'],
    [hostName, 'Yes: I will book it and send you the details.'],
  ];
  let at = 2;
  const cues = lines.map(([speaker, text], index) => {
    const start = at;

    at += 4;

    return `${index + 1}\n${stamp(start)} --> ${stamp(start + 3.5)}\n${speaker}: ${text}`;
  });

  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

function stamp(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(11, 23);
}
