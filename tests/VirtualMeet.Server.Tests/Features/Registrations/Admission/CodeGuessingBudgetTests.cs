using System.Net;
using VirtualMeet.Contracts.Errors;
using VirtualMeet.Contracts.Events;
using VirtualMeet.Contracts.Registrations;
using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Registrations.Admission;

/// <summary>Wrong codes spend the sign-up budget of the caller's address: guessing is as slow as signing up.</summary>
public sealed class CodeGuessingBudgetTests(CodeGuessingBudgetTests.SmallSignUpBudget fixture) : IClassFixture<CodeGuessingBudgetTests.SmallSignUpBudget>
{
    public const int Budget = 3;

    /// <summary>Three sign-ups per address in a long window, so "the fourth is refused" never races the clock.</summary>
    public sealed class SmallSignUpBudget : InMemoryNode
    {
        protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["RateLimits:Rules:signup:PermitLimit"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:Rules:signup:WindowSeconds"] = "600",
        };
    }

    [Fact]
    public async Task WrongCodesUseUpTheSignUpBudgetAndThenEvenAValidCodeWaits()
    {
        using var client = fixture.CreateClient();
        var organizer = await client.OrganizerTokenAsync();
        var definition = TestEvents.Create() with { Registration = RegistrationMode.Invitation };
        await client.ImportAsync(definition, organizer);
        var codes = await client.InvitationsAsync(definition.Id, 1, organizer);

        for (var i = 0; i < Budget; i++)
        {
            using var guess = await client.SignUpAsync(definition.Id, $"AAAAA-BBBBB-CCCCC-DDDD{i}");
            await guess.AssertProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        }

        using var valid = await client.SignUpAsync(definition.Id, codes[0]);

        await valid.AssertProblemAsync(HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        // The refused attempt redeemed nothing: the code still admits its holder once the window has passed.
        Assert.Equal(new AdmissionCount(1, 0), (await client.SummaryAsync(definition.Id, organizer)).Invitations);
    }
}
