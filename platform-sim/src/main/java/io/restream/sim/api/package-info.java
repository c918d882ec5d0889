/** The simulated REST APIs at the platforms' real paths and JSON shapes: Helix, YouTube Data v3, Kick public API, Graph API. */
package io.restream.sim.api;
