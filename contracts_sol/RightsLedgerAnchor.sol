// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title RightsLedger checkpoint anchor
/// @notice Keeps the signed checkpoints of one RightsLedger Merkle log (RFC 9162) and refuses any
///         checkpoint that is not an append-only extension of the previous one.
/// @dev Hashing follows RFC 9162 section 2.1: leaves are SHA-256(0x00 || entry), interior nodes
///      SHA-256(0x01 || left || right), computed with the SHA-256 precompile. The verifiers port
///      transparency-dev/merkle's proof/verify.go (inner and right-border parts of a proof).
contract RightsLedgerAnchor is AccessControl {
    /// @notice Role allowed to anchor checkpoints (the CMO's anchoring job).
    bytes32 public constant PUBLISHER_ROLE = keccak256("PUBLISHER_ROLE");

    /// @notice One anchored checkpoint of the log.
    /// @param treeSize Number of leaves of the tree.
    /// @param anchoredAt Block timestamp when it was anchored.
    /// @param root RFC 9162 root hash of the tree.
    /// @param noteHash SHA-256 of the signed C2SP checkpoint note.
    struct Checkpoint {
        uint64 treeSize;
        uint64 anchoredAt;
        bytes32 root;
        bytes32 noteHash;
    }

    /// @notice The log's origin: the first line of each of its checkpoint notes.
    string public origin;

    Checkpoint[] private _checkpoints;

    /// @notice A checkpoint was anchored.
    event CheckpointAnchored(uint256 indexed index, uint64 treeSize, bytes32 root, bytes32 noteHash);

    /// @notice The tree must grow: `proposed` is not larger than the latest anchored size.
    error TreeSizeNotGrowing(uint64 latest, uint64 proposed);
    /// @notice The first checkpoint must describe a non-empty tree.
    error EmptyTree();
    /// @notice The first checkpoint takes an empty consistency proof.
    error UnexpectedProof(uint256 length);
    /// @notice The consistency proof from the latest checkpoint does not verify.
    error InconsistentProof(uint64 fromSize, uint64 toSize);
    /// @notice No checkpoint exists at `index` (there are `count`).
    error CheckpointOutOfRange(uint256 index, uint256 count);
    /// @notice The precompile call failed.
    error HashFailed();

    /// @param logOrigin The log's origin line.
    /// @param admin Account holding the admin role (grants and revokes publishers).
    /// @param publisher First account allowed to anchor.
    constructor(string memory logOrigin, address admin, address publisher) {
        origin = logOrigin;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PUBLISHER_ROLE, publisher);
    }

    /// @notice Anchor a checkpoint of the log.
    /// @dev Reverts unless `treeSize` is larger than the latest checkpoint's and
    ///      `consistencyProof` proves the new tree extends it. The first checkpoint takes an empty proof.
    /// @param treeSize Number of leaves of the new tree.
    /// @param root RFC 9162 root of the new tree.
    /// @param consistencyProof RFC 9162 consistency proof from the latest checkpoint's tree.
    /// @param noteHash SHA-256 of the signed checkpoint note.
    /// @return index The new checkpoint's index.
    function anchor(uint64 treeSize, bytes32 root, bytes32[] calldata consistencyProof, bytes32 noteHash)
        external
        onlyRole(PUBLISHER_ROLE)
        returns (uint256 index)
    {
        index = _checkpoints.length;
        if (index == 0) {
            if (treeSize == 0) revert EmptyTree();
            if (consistencyProof.length != 0) revert UnexpectedProof(consistencyProof.length);
        } else {
            Checkpoint storage last = _checkpoints[index - 1];
            uint64 lastSize = last.treeSize;
            if (treeSize <= lastSize) revert TreeSizeNotGrowing(lastSize, treeSize);
            if (!_consistent(lastSize, treeSize, last.root, root, consistencyProof)) {
                revert InconsistentProof(lastSize, treeSize);
            }
        }
        _checkpoints.push(Checkpoint(treeSize, uint64(block.timestamp), root, noteHash));
        emit CheckpointAnchored(index, treeSize, root, noteHash);
    }

    /// @notice Number of anchored checkpoints.
    function checkpointCount() external view returns (uint256) {
        return _checkpoints.length;
    }

    /// @notice The checkpoint at `index`.
    function checkpoint(uint256 index) external view returns (Checkpoint memory) {
        return _at(index);
    }

    /// @notice The latest checkpoint and its index; reverts when none exists yet.
    function latest() external view returns (uint256 index, Checkpoint memory cp) {
        uint256 count = _checkpoints.length;
        if (count == 0) revert CheckpointOutOfRange(0, 0);
        index = count - 1;
        cp = _checkpoints[index];
    }

    /// @notice Whether `proof` shows the leaf `leafHash` at `leafIndex` in checkpoint `checkpointIndex`.
    /// @param checkpointIndex Which checkpoint's tree.
    /// @param leafIndex Position of the leaf in the log.
    /// @param leafHash SHA-256(0x00 || canonical entry bytes).
    /// @param proof RFC 9162 inclusion proof, from the leaf's sibling upwards.
    function verifyInclusion(uint256 checkpointIndex, uint256 leafIndex, bytes32 leafHash, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        Checkpoint memory cp = _at(checkpointIndex);
        return _included(leafIndex, cp.treeSize, leafHash, proof, cp.root);
    }

    /// @notice Whether `proof` shows checkpoint `toIndex`'s tree extends checkpoint `fromIndex`'s.
    /// @param fromIndex The older checkpoint.
    /// @param toIndex The newer (or same) checkpoint.
    /// @param proof RFC 9162 consistency proof between their trees.
    function verifyConsistency(uint256 fromIndex, uint256 toIndex, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        Checkpoint memory older = _at(fromIndex);
        Checkpoint memory newer = _at(toIndex);
        return _consistent(older.treeSize, newer.treeSize, older.root, newer.root, proof);
    }

    function _at(uint256 index) private view returns (Checkpoint memory) {
        uint256 count = _checkpoints.length;
        if (index >= count) revert CheckpointOutOfRange(index, count);
        return _checkpoints[index];
    }

    function _included(uint256 index, uint256 size, bytes32 leafHash, bytes32[] calldata proof, bytes32 root)
        private
        view
        returns (bool)
    {
        if (index >= size) return false;
        uint256 inner = _bitLength(index ^ (size - 1));
        uint256 border = _popCount(index >> inner);
        if (proof.length != inner + border) return false;
        bytes32 h = leafHash;
        for (uint256 i = 0; i < inner; ++i) {
            h = ((index >> i) & 1 == 1) ? _node(proof[i], h) : _node(h, proof[i]);
        }
        for (uint256 i = inner; i < proof.length; ++i) {
            h = _node(proof[i], h);
        }
        return h == root;
    }

    function _consistent(uint256 size1, uint256 size2, bytes32 root1, bytes32 root2, bytes32[] calldata proof)
        private
        view
        returns (bool)
    {
        if (size1 == 0 || size2 < size1) return false;
        if (size1 == size2) return proof.length == 0 && root1 == root2;
        if (proof.length == 0) return false;
        uint256 inner = _bitLength((size1 - 1) ^ (size2 - 1));
        uint256 border = _popCount((size1 - 1) >> inner);
        uint256 shift = _trailingZeros(size1);
        inner -= shift;
        // When size1 is a power of two the old root is itself a node of the new tree: the seed.
        uint256 start = size1 == (uint256(1) << shift) ? 0 : 1;
        if (proof.length != start + inner + border) return false;
        bytes32 h1 = start == 0 ? root1 : proof[0];
        bytes32 h2 = h1;
        uint256 mask = (size1 - 1) >> shift;
        for (uint256 i = 0; i < inner; ++i) {
            bytes32 p = proof[start + i];
            if ((mask >> i) & 1 == 1) {
                h1 = _node(p, h1);
                h2 = _node(p, h2);
            } else {
                h2 = _node(h2, p);
            }
        }
        for (uint256 i = start + inner; i < proof.length; ++i) {
            h1 = _node(proof[i], h1);
            h2 = _node(proof[i], h2);
        }
        return h1 == root1 && h2 == root2;
    }

    /// @dev SHA-256(0x01 || left || right) through the precompile, in scratch memory.
    function _node(bytes32 left, bytes32 right) private view returns (bytes32 out) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore8(ptr, 0x01)
            mstore(add(ptr, 1), left)
            mstore(add(ptr, 33), right)
            if iszero(staticcall(gas(), 0x02, ptr, 65, 0x00, 0x20)) {
                mstore(0x00, 0x832d9905) // selector of HashFailed()
                revert(0x1c, 0x04)
            }
            out := mload(0x00)
        }
    }

    // The bit helpers cannot overflow (inputs are below 2**64): unchecked saves most of their gas.
    function _bitLength(uint256 x) private pure returns (uint256 n) {
        unchecked {
            while (x != 0) {
                ++n;
                x >>= 1;
            }
        }
    }

    function _popCount(uint256 x) private pure returns (uint256 n) {
        unchecked {
            while (x != 0) {
                x &= x - 1; // clears the lowest set bit
                ++n;
            }
        }
    }

    function _trailingZeros(uint256 x) private pure returns (uint256 n) {
        unchecked {
            while (x & 1 == 0) {
                ++n;
                x >>= 1;
            }
        }
    }
}
