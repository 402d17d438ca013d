"""The area information hub: collect members' news and events, make sense of them."""
