// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Benchmark baseline: plain storage-write anchor (bench/anchor_bench.py)
/// @notice RightsLedgerAnchor's storage and event without any verification: `anchor(...)` pushes
///         the same 4-field Checkpoint struct (3 storage slots) and emits the same event, with no
///         access control, no growth check and no consistency proof check. The gas of the real
///         contract minus this one is what the checks cost. Not for use: anyone could anchor anything.
contract PlainStorageAnchor {
    struct Checkpoint {
        uint64 treeSize;
        uint64 anchoredAt;
        bytes32 root;
        bytes32 noteHash;
    }

    Checkpoint[] private _checkpoints;

    event CheckpointAnchored(uint256 indexed index, uint64 treeSize, bytes32 root, bytes32 noteHash);

    function anchor(uint64 treeSize, bytes32 root, bytes32[] calldata consistencyProof, bytes32 noteHash)
        external
        returns (uint256 index)
    {
        consistencyProof; // same calldata as the real contract, never read
        index = _checkpoints.length;
        _checkpoints.push(Checkpoint(treeSize, uint64(block.timestamp), root, noteHash));
        emit CheckpointAnchored(index, treeSize, root, noteHash);
    }

    function checkpointCount() external view returns (uint256) {
        return _checkpoints.length;
    }
}
