using Microsoft.AspNetCore.SignalR;
using VirtualMeet.Contracts.Errors;

namespace VirtualMeet.Testing;

/// <summary>Assertions on coded hub errors as a client sees them.</summary>
public static class HubAssert
{
    /// <summary>Awaits <paramref name="call"/> (bounded) and returns the detail of the coded error it must fail with.</summary>
    public static async Task<string> FailsWithAsync(string expectedCode, Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        HubException error;
        try
        {
            await call().WaitAsync(TestTimeouts.Default);
            throw new InvalidOperationException($"Expected the hub call to fail with '{expectedCode}', but it succeeded.");
        }
        catch (HubException caught)
        {
            error = caught;
        }

        if (!HubErrorMessage.TryParse(error.Message, out var code, out var detail))
        {
            throw new InvalidOperationException($"The hub error carries no code: {error.Message}");
        }

        return code == expectedCode
            ? detail
            : throw new InvalidOperationException($"Expected '{expectedCode}', got '{code}': {error.Message}");
    }
}
