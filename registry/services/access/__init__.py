"""Access: API accounts, and who may have which proof."""
