/** The simulator's control API of docs/DESIGN.md §6 ({@code /sim/...}): ingest sessions, snapshots, fault injection, consent options. */
package io.restream.sim.control;
