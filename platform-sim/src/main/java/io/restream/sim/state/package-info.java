/** What the simulator knows: accounts, codes and tokens per platform, platform objects, stream keys; shared by every part. */
package io.restream.sim.state;
