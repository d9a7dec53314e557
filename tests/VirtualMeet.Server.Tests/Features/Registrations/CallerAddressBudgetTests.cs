using System.Net;
using System.Net.Http.Json;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Identity;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Platform.RateLimiting;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Registrations;

/// <summary>Sign-up and the organizer key exchange spend a budget of the caller's address; beyond it they answer 429.</summary>
public sealed class CallerAddressBudgetTests : IAsyncLifetime
{
    private VirtualMeetNode _node = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _node = await VirtualMeetNode.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:Rules:signup:PermitLimit"] = "2",
            ["RateLimits:Rules:signup:WindowSeconds"] = "600",
            ["RateLimits:Rules:organizer-sign-in:PermitLimit"] = "3",
            ["RateLimits:Rules:organizer-sign-in:WindowSeconds"] = "600",
        });
        _client = _node.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task AThirdSignUpFromOneAddressIsRefusedWhileAnotherAddressSignsUp()
    {
        var definition = TestEvents.Create();
        await _client.ImportAsync(definition, await _client.OrganizerTokenAsync());
        var path = $"/api/events/{definition.Id}/registrations";

        for (var i = 0; i < 2; i++)
        {
            using var accepted = await SignUpAsync(path, $"Person {i}", forwardedFor: null);
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        using var refused = await SignUpAsync(path, "One too many", forwardedFor: null);
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After tells when to come back");

        // Behind a trusted proxy (loopback here) the forwarded address is the caller: a different person, a fresh budget.
        using var elsewhere = await SignUpAsync(path, "Someone else", forwardedFor: "203.0.113.7");
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    [Fact]
    public async Task SignUpsToMadeUpEventsShareTheAddresssBudgetAndCreateNoBudgetOfTheirOwn()
    {
        var limiter = _node.GetRequiredService<Server.Platform.Storage.InMemory.InMemoryRateLimiter>();
        var logsBefore = limiter.LogCount;
        for (var i = 0; i < 2; i++)
        {
            using var unknown = await SignUpAsync($"/api/events/made-up-{Guid.NewGuid():N}/registrations", "Mallory", forwardedFor: "198.51.100.9");
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // A third made-up event buys no fresh budget: the address has spent its own.
        using var refused = await SignUpAsync($"/api/events/made-up-{Guid.NewGuid():N}/registrations", "Mallory", forwardedFor: "198.51.100.9");
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        Assert.Equal(logsBefore + 1, limiter.LogCount);
    }

    [Fact]
    public async Task GuessingTheOrganizerKeyRunsOutOfAttempts()
    {
        using (var wrong = await _client.SendAsync(HttpMethod.Post, "/api/auth/organizer", token: null, new OrganizerTokenRequest("guess-1")))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using (var wrong = await _client.SendAsync(HttpMethod.Post, "/api/auth/organizer", token: null, new OrganizerTokenRequest("guess-2")))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using (var wrong = await _client.SendAsync(HttpMethod.Post, "/api/auth/organizer", token: null, new OrganizerTokenRequest("guess-3")))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        // Even the right key waits now: the budget counts attempts, not failures.
        using var right = await _client.SendAsync(HttpMethod.Post, "/api/auth/organizer", token: null, new OrganizerTokenRequest(VirtualMeetNode.TestOrganizerKey));
        await right.AssertProblemAsync(HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
    }

    [Theory]
    [InlineData("198.51.100.4", "address:198.51.100.4")]
    [InlineData("::ffff:198.51.100.4", "address:198.51.100.4")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "address:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "address:2001:db8:1:2::/64")]
    public void AnIPv6CallerIsBudgetedByItsSlash64Network(string address, string subject) =>
        Assert.Equal(subject, CallerAddressBudgets.Subject(IPAddress.Parse(address)));

    private async Task<HttpResponseMessage> SignUpAsync(string path, string name, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = JsonContent.Create(new AttendeeRegistrationRequest(name, null, null, "de", [])),
        };
        if (forwardedFor is not null)
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await _client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
