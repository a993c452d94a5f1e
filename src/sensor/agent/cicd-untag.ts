/**
 * CI/CD: once an image's results are on the server, its trigger tag is removed — the
 * signal a custom pipeline waits for — unless it is the image's only tag, which is kept
 * so removing it does not delete the image.
 */
import type Docker from 'dockerode';
import type { Logger } from '../log/logger.js';
import { realTags } from './docker-assets.js';

export async function removeTriggerTags(
  docker: Docker,
  sha: string,
  trigger: string,
  log: Logger,
): Promise<void> {
  const info = await docker.getImage(sha).inspect();
  for (const tag of realTags(info.RepoTags).filter((t) => t.startsWith(`${trigger}:`))) {
    // Re-read each time: an earlier removal changed the count.
    const others = realTags((await docker.getImage(sha).inspect()).RepoTags).length - 1;
    if (others === 0) {
      log.info(`${tag} is the only tag of ${sha.slice(7, 19)}: kept so the image is not lost`);
      continue;
    }
    await docker.getImage(tag).remove({ noprune: true });
    log.info(`scan of ${tag} uploaded; trigger tag removed`);
  }
}
