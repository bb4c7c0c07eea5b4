/**
 * What this tab remembers between views without storing it: the audio files submitted from this
 * browser, by job id, so the job view can play the song without fetching it back (the service
 * deletes the audio once it is measured). Gone on reload, on purpose.
 */
const localFiles = new Map();

export const submittedFiles = {
  remember: (jobId, file) => localFiles.set(jobId, file),
  of: (jobId) => localFiles.get(jobId) ?? null,
};
