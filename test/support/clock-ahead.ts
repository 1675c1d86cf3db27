// Preloaded into a child process (`--import`) to make its clock run CLOCK_AHEAD_MS ahead of
// the machine's, as a server whose time drifted would: instances' clocks are not in step.
const aheadMs = Number(process.env.CLOCK_AHEAD_MS ?? 0);
const machineNow = Date.now.bind(Date);

Date.now = () => machineNow() + aheadMs;
