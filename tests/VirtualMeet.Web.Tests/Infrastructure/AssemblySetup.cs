using VirtualMeet.Web.Tests.Infrastructure;

// One Chromium and one server node for the whole assembly; tests isolate themselves with their own event
// (WebTestEvent) and their own browser contexts.
[assembly: AssemblyFixture(typeof(ChromiumFixture))]
[assembly: AssemblyFixture(typeof(WebServerFixture))]

// Browser tests run one at a time: several Chromium contexts per test already fill a 2-core machine, and tests
// side by side would only add timing noise to what the pages are waited for.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
