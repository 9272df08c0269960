// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Benchmark baseline: event-only anchor (bench/anchor_bench.py)
/// @notice The cheapest possible anchor with RightsLedgerAnchor's `anchor(...)` signature: it
///         emits the same CheckpointAnchored event and nothing else. It stores nothing, checks
///         nothing (no access control, no growth check, no proof), so it has no checkpoint index:
///         it emits index 0. Not for use: anyone could anchor anything.
contract EventOnlyAnchor {
    event CheckpointAnchored(uint256 indexed index, uint64 treeSize, bytes32 root, bytes32 noteHash);

    function anchor(uint64 treeSize, bytes32 root, bytes32[] calldata consistencyProof, bytes32 noteHash)
        external
        returns (uint256 index)
    {
        consistencyProof; // same calldata as the real contract, never read
        emit CheckpointAnchored(0, treeSize, root, noteHash);
        return 0;
    }
}
