using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using VirtualMeet.Contracts;
using VirtualMeet.Contracts.Attendance;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Polls;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Tests.Infrastructure;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Features.Registrations.Admission;

/// <summary>
/// An event in <c>tickets</c> mode on two nodes sharing a Redis: each ticket registers one attendee, wherever the
/// sign-ups land, and each attendee votes once.
/// </summary>
public sealed class TicketsModeClusterTests(TicketsModeClusterTests.Nodes cluster) : IClassFixture<TicketsModeClusterTests.Nodes>
{
    private const int Tickets = 300;

    /// <summary>Two nodes on Redis whose sign-up budget lets one test address register every ticket.</summary>
    public sealed class Nodes : TwoNodesOnRedis
    {
        protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["RateLimits:Rules:signup:PermitLimit"] = "2000",
        };
    }

    [Fact]
    public async Task ThreeHundredTicketsVoteInAPitchOnTwoNodesAndTheCountIsExact()
    {
        using var onA = cluster.A.CreateClient();
        using var onB = cluster.B.CreateClient();
        var organizer = await onA.OrganizerTokenAsync();
        var definition = PollTestData.Event() with { Registration = RegistrationMode.Tickets };
        await onA.ImportAsync(definition, organizer);
        var csv = new StringBuilder("ticketId,name,email,category\n");
        for (var i = 0; i < Tickets; i++)
            csv.Append(CultureInfo.InvariantCulture, $"VM26-{i:D4},Gast {i},gast{i}@example.org,{(i % 10 == 0 ? "Presse" : "")}\n");
        using var imported = await onB.ImportTicketsAsync(definition.Id, organizer, csv.ToString(), "text/csv");
        Assert.Equal(new TicketImportResult(Tickets, 0, Tickets), await imported.ReadAsync<TicketImportResult>());
        var polls = new PollsTestClient(cluster.A, definition.Id);
        var pitch = await polls.CreateOpenAsync(new CreatePollRequest(new PollText("Bester Pitch?", "Best pitch?"), PollKind.Pitch, SessionId: "pitches"));

        // Each ticket signs up, twice at once on both nodes, and the one admitted attendee votes on the other node.
        using var parallel = new SemaphoreSlim(32);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Tickets).Select(async i =>
        {
            await parallel.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                var (first, second) = i % 2 == 0 ? (onA, onB) : (onB, onA);
                var signUps = await Task.WhenAll(
                    first.SignUpAsync(definition.Id, $"vm26-{i:D4}", $"Gast {i}", $"gast{i}@example.org"),
                    second.SignUpAsync(definition.Id, $"VM26-{i:D4}", $"Doppelt {i}", $"GAST{i}@example.org"));
                var statuses = signUps.Select(s => s.StatusCode).ToList();
                var admitted = signUps.Single(s => s.StatusCode == HttpStatusCode.Created);
                var attendee = await admitted.ReadAsync<AttendeeRegistrationResponse>();
                await signUps.Single(s => s != admitted).AssertProblemAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);
                foreach (var signUp in signUps)
                    signUp.Dispose();

                var voteNode = admitted == signUps[0] ? second : first;
                await using var connection = await (voteNode == onA ? cluster.A : cluster.B).ConnectAsync(HubRoutes.Polls, attendee.AccessToken);
                var receipt = await connection.InvokeAsync<VoteReceipt>(PollsHubMethods.Vote, pitch.Id, new Ballot([i % 3])).WaitAsync(TestTimeouts.Default);
                return (statuses, receipt);
            }
            finally
            {
                parallel.Release();
            }
        }));
        await polls.On(cluster.B).TransitionAsync(pitch.Id, "close");

        Assert.All(outcomes, o => Assert.Equal(1, o.statuses.Count(s => s == HttpStatusCode.Created)));
        var results = await polls.On(cluster.B).ResultsAsync(pitch.Id);
        Assert.Equal(Tickets, results.Voters);
        Assert.Equal([100L, 100, 100], results.Options.Select(o => o.Count));
        var summary = await onB.SummaryAsync(definition.Id, organizer);
        Assert.Equal(new AdmissionCount(Tickets, Tickets), summary.Tickets);

        // A used ticket once more, on either node: refused with its code, and nobody is added.
        using var again = await onA.SignUpAsync(definition.Id, "VM26-0042", "Gast 42", "gast42@example.org");
        await again.AssertProblemAsync(HttpStatusCode.Conflict, ErrorCodes.Conflict);
        using var attendance = await onB.SendAsync(HttpMethod.Get, $"/api/events/{definition.Id}/attendance", organizer);
        Assert.Equal(Tickets, (await attendance.ReadAsync<AttendanceReport>()).Attendees.Count);
    }
}
