// One's own camera and microphone for the camera mesh: asked for when turned on, stopped when turned off.

/** Camera and microphone, or only the one of them there is; refused or missing both, it throws. */
export async function getMedia() {
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  } catch (error) {
    // Someone with only a microphone (or only a camera) still takes part.
    if (error?.name !== 'NotFoundError' && error?.name !== 'OverconstrainedError') throw error;
    try {
      return await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      return navigator.mediaDevices.getUserMedia({ video: true });
    }
  }
}

/** Stops every track of `stream` (none for null). */
export function stopTracks(stream) {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
