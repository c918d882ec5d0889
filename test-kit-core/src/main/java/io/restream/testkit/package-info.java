/**
 * The test kit's JUnit 5 extensions. This package is split over two modules: {@code test-kit-core}
 * (needs only {@code core}, so every module's tests can use it: {@link io.restream.testkit.Kit},
 * {@link io.restream.testkit.RedisKit}, {@link io.restream.testkit.Fixture},
 * {@link io.restream.testkit.LogCapture}) and {@code test-kit} (the whole system: the API, the
 * platform simulator, a worker; it needs {@code service} and {@code worker}, so their own tests
 * use the core part).
 */
package io.restream.testkit;
